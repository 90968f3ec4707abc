import { discreditSource, gradeSource } from '@parallax/app';
import type { Command } from 'commander';
import { printJson, wantsJson, withWorkbench } from '../command-context.ts';
import { eventChangesText } from '../event-changes-text.ts';
import { textTable } from '../text-table.ts';

export function registerSources(program: Command): void {
  const sources = program
    .command('sources')
    .description('list sources with their Admiralty reliability grades')
    .option('--json', 'print a JSON array of sources')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'read', async (wb) => {
        const list = await wb.store.listSources();
        if (opts.json) return printJson(list);
        console.log(
          textTable(
            ['grade', 'name', 'kind', 'domain', 'rationale'],
            list.map((s) => [
              s.discredited ? `${s.reliability} ✗` : s.reliability,
              s.name,
              s.kind,
              s.domain ?? '–',
              s.discredited ? `DISCREDITED: ${s.discredited.reason}` : s.reliabilityRationale,
            ]),
            60,
          ),
        );
      });
    });
  sources
    .command('grade <source> <grade>')
    .description('set a source\'s reliability (A–F) with the reason; F means "cannot be judged"')
    .requiredOption('--why <rationale>', 'why this grade (kept with it)')
    .option('--json', 'print the graded source as JSON')
    .action(async (source: string, grade: string, opts: { why: string; json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const result = await gradeSource(wb, source, grade, opts.why);
        if (wantsJson(opts, cmd)) return printJson(result.source);
        console.log(`${result.source.name}: ${result.source.reliability} — ${result.source.reliabilityRationale}`);
        console.log(eventChangesText(result.events));
      });
    });
  sources
    .command('discredit <source>')
    .description('discredit a source: its claims stop counting; the events resting on them are re-weighed')
    .requiredOption('--why <reason>', 'why it is discredited (kept with it)')
    .option('--json', 'print the source and the event changes as JSON')
    .action(async (source: string, opts: { why: string; json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const result = await discreditSource(wb, source, opts.why);
        if (wantsJson(opts, cmd)) return printJson(result);
        console.log(`${result.source.name}: discredited — ${opts.why.trim()}`);
        console.log(eventChangesText(result.events));
      });
    });
}
