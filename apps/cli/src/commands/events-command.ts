import { getEventDetail, mergeEvents, splitEvent } from '@parallax/app';
import { toEventSummary } from '@parallax/contract';
import type { EventId } from '@parallax/core';
import type { Command } from 'commander';
import {
  addFilterOptions,
  filterFromOptions,
  positiveInt,
  printJson,
  wantsJson,
  withWorkbench,
} from '../command-context.ts';
import { eventChangesText } from '../event-changes-text.ts';
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
        if (wantsJson(opts, cmd)) return printJson(detail);
        const e = toEventSummary(detail.event);
        console.log(`${e.plover ?? e.cameo} — credibility ${e.credibility}, ${e.status}`);
        console.log(e.rationale);
        for (const o of e.origins)
          console.log(
            `  origin ${o.label} [${o.lineage}, ${o.kind}, reliability ${o.reliability}${o.interested ? ', party' : ''}]`,
          );
        const joins = new Map(detail.joins.map((j) => [j.claimId, j.because]));
        for (const c of detail.claims) {
          const doc = detail.documents.find((d) => d.id === c.documentId);
          console.log(
            `\n  “${c.quote}”\n    — ${c.speaker?.name ?? doc?.publisher ?? 'document'} (${c.stance}), ${doc?.title ?? c.documentId}${doc?.retracted ? ' [RETRACTED]' : ''}\n    ${c.id}: ${joins.get(c.id) ?? ''}`,
          );
        }
        for (const c of detail.contradictingClaims) {
          const doc = detail.documents.find((d) => d.id === c.documentId);
          console.log(
            `\n  denies (filed with another event): “${c.quote}” — ${c.speaker?.name ?? doc?.publisher ?? 'document'}`,
          );
        }
      });
    });
  events
    .command('merge <ids...>')
    .description('rule that two or more events are one happening; later runs keep their claims together')
    .requiredOption('--why <reason>', 'why they are one happening (kept with the decision)')
    .option('--json', 'print the decision and the event changes as JSON')
    .action(async (ids: string[], opts: { why: string; json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const result = await mergeEvents(wb, ids, opts.why);
        if (wantsJson(opts, cmd)) return printJson(result);
        console.log(`Merged into ${result.eventIds.join(', ')}`);
        console.log(eventChangesText(result.events));
      });
    });
  events
    .command('split <id>')
    .description('rule that some claims of an event describe another happening; later runs keep them apart')
    .requiredOption('--claims <ids>', 'comma-separated claim ids to take out of the event')
    .requiredOption('--why <reason>', 'why they are a different happening (kept with the decision)')
    .option('--json', 'print the decision and the event changes as JSON')
    .action(async (id: string, opts: { claims: string; why: string; json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const claimIds = opts.claims
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        const result = await splitEvent(wb, id, claimIds, opts.why);
        if (wantsJson(opts, cmd)) return printJson(result);
        console.log(`Split: the claims now sit in ${result.eventIds.join(', ')}`);
        console.log(eventChangesText(result.events));
      });
    });
}
