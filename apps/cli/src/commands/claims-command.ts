import type { ClaimQuery, DocumentId, EventId } from '@parallax/core';
import { InvalidInputError } from '@parallax/core';
import type { Command } from 'commander';
import { positiveInt, printJson, withWorkbench } from '../command-context.ts';
import { textTable } from '../text-table.ts';

export function registerClaims(program: Command): void {
  program
    .command('claims')
    .description("list claims: an event's evidence or a document's assertions")
    .option('--event <id>', 'claims of this event')
    .option('--document <id>', 'claims found in this document')
    .option('--limit <n>', 'how many (default 200)', positiveInt('--limit', 100_000), 200)
    .option('--json', 'print a JSON array of claims')
    .action(async (opts: { event?: string; document?: string; limit: number; json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'read', async (wb) => {
        const query: ClaimQuery = {};
        if (opts.event) {
          if (!(await wb.store.getEvent(opts.event as EventId)))
            throw new InvalidInputError(`--event ${opts.event}: no such event`);
          query.eventId = opts.event as EventId;
        }
        if (opts.document) query.documentId = opts.document as DocumentId;
        const page = await wb.store.listClaims(query, { limit: opts.limit });
        const items = page.items.map((c) => ({
          id: c.id,
          documentId: c.documentId,
          quote: c.quote,
          start: c.start,
          end: c.end,
          speaker: c.speaker,
          stance: c.stance,
          negated: c.negated,
          hypothetical: c.hypothetical,
          cameo: c.frame.cameo,
          plover: c.frame.plover,
          actors: c.frame.actors,
          place: c.frame.place,
          time: c.frame.time,
          quantities: c.frame.quantities,
          extractor: c.extractor,
        }));
        if (opts.json) return printJson(items);
        console.log(
          textTable(
            ['stance', 'speaker', 'type', 'quote'],
            items.map((c) => [
              c.stance,
              c.speaker?.name ?? '–',
              c.plover?.type ?? c.cameo ?? '–',
              c.quote.replace(/\s+/g, ' '),
            ]),
            70,
          ),
        );
        console.log(`${items.length} of ${page.total} claims`);
      });
    });
}
