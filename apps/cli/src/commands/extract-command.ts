import type { Claim } from '@parallax/core';
import { createExtractor, ReferenceData, readDocumentFile, systemClock } from '@parallax/runtime';
import type { Command } from 'commander';
import { printJson } from '../command-context.ts';
import { textTable } from '../text-table.ts';

/** One claim in the shape `parallax extract --json` documents (issue 4). */
function claimJson(c: Claim) {
  const f = c.frame;
  return {
    quote: c.quote,
    start: c.start,
    end: c.end,
    speaker: c.speaker ? { id: c.speaker.id, name: c.speaker.name, code: c.speaker.code } : null,
    stance: c.stance,
    negated: c.negated,
    hypothetical: c.hypothetical,
    cameo: f.cameo,
    plover: f.plover ? { type: f.plover.type, mode: f.plover.mode } : null,
    actors: f.actors.map((a) => ({ id: a.id, name: a.name, code: a.code, role: a.role })),
    place: f.place
      ? {
          id: f.place.id,
          name: f.place.name,
          admin1: f.place.admin1,
          country: f.place.country,
          lat: f.place.lat,
          lon: f.place.lon,
        }
      : null,
    time: f.time ? { start: f.time.start, end: f.time.end, precision: f.time.precision } : null,
    quantities: f.quantities.map((q) => ({ value: q.value, unit: q.unit })),
  };
}

export function registerExtract(program: Command): void {
  program
    .command('extract <file>')
    .description('print the claims Parallax reads out of one document (plain text or Markdown); nothing is stored')
    .option('--json', 'print {"claims": [...]} as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      // Read like ingest reads, so the offsets are into the same text ingest would store.
      const { document } = readDocumentFile(file, systemClock);
      const { claims } = createExtractor(new ReferenceData()).extract(document);
      if (opts.json) return printJson({ claims: claims.map(claimJson) });
      console.log(
        textTable(
          ['stance', 'speaker', 'type', 'actors', 'place', 'when', 'quote'],
          claims.map((c) => [
            `${c.stance}${c.negated ? ' (not)' : ''}${c.hypothetical ? ' (if)' : ''}`,
            c.speaker?.name ?? '–',
            c.frame.plover?.type ?? c.frame.cameo ?? '–',
            c.frame.actors.map((a) => `${a.role === 'source' ? '' : '→ '}${a.code ?? a.name}`).join(' '),
            c.frame.place?.admin1 ?? c.frame.place?.country ?? '–',
            c.frame.time ? c.frame.time.start : '–',
            c.quote.replace(/\s+/g, ' '),
          ]),
          60,
        ),
      );
      console.log(`${claims.length} claims`);
    });
}
