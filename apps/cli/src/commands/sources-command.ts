import { gradeSource } from '@parallax/app';
import type { Command } from 'commander';
import { printJson, withWorkbench } from '../command-context.ts';
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
            list.map((s) => [s.reliability, s.name, s.kind, s.domain ?? '–', s.reliabilityRationale]),
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
        if (opts.json) return printJson(result.source);
        console.log(`${result.source.name}: ${result.source.reliability} — ${result.source.reliabilityRationale}`);
      });
    });
}
