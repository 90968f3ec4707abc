import { getEventDetail } from '@parallax/app';
import { toEventSummary } from '@parallax/contract';
import type { EventId } from '@parallax/core';
import type { Command } from 'commander';
import { addFilterOptions, filterFromOptions, positiveInt, printJson, withWorkbench } from '../command-context.ts';
import { textTable } from '../text-table.ts';

export function registerEvents(program: Command): void {
  const events = addFilterOptions(
    program
      .command('events')
      .description('list events, newest first, filtered like the workbench')
      .option('--json', 'print a JSON array of events')
      .option('--limit <n>', 'how many events (default 50, at most 100000)', positiveInt('--limit', 100_000), 50)
      .option('--cursor <cursor>', 'continue after a previous page'),
  ).action(async (opts: Record<string, unknown> & { json?: boolean; limit: number; cursor?: string }, cmd: Command) => {
    await withWorkbench(cmd, 'read', async (wb) => {
      const filter = await filterFromOptions(wb, opts);
      const page = await wb.store.listEvents(filter, { limit: opts.limit, cursor: opts.cursor ?? null });
      const items = page.items.map(toEventSummary);
      if (opts.json) return printJson(items);
      console.log(
        textTable(
          ['date', 'type', 'actors', 'place', 'cred', 'status', 'claims', 'id'],
          items.map((e) => [
            e.time ? (e.time.start === e.time.end ? e.time.start : `${e.time.start}…${e.time.end}`) : '–',
            e.plover ?? (e.cameo ? `CAMEO ${e.cameo}` : '–'),
            e.actors.map((a) => `${a.role === 'target' ? '→' : ''}${a.code ?? a.name}`).join(' '),
            e.place ? `${e.place.name}${e.place.admin1 ? ` (${e.place.admin1})` : ''}` : '–',
            String(e.credibility),
            e.status,
            String(e.claimCount),
            e.id,
          ]),
          40,
        ),
      );
      console.log(`${items.length} of ${page.total} events${page.next ? ` — next page: --cursor ${page.next}` : ''}`);
    });
  });
  events
    .command('show <id>')
    .description('one event with its origins, contradictions and quoted claims')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'read', async (wb) => {
        const detail = await getEventDetail(wb.store, id as EventId);
        if (opts.json) return printJson(detail);
        const e = toEventSummary(detail.event);
        console.log(`${e.plover ?? e.cameo} — credibility ${e.credibility}, ${e.status}`);
        console.log(e.rationale);
        for (const c of detail.claims) {
          const doc = detail.documents.find((d) => d.id === c.documentId);
          console.log(
            `\n  “${c.quote}”\n    — ${c.speaker?.name ?? doc?.publisher ?? 'document'} (${c.stance}), ${doc?.title ?? c.documentId}`,
          );
        }
      });
    });
}
