import { readFileSync } from 'node:fs';
import { discreditSource, gradeSource, gradeSources } from '@parallax/app';
import { describeZodError, type GradesFile, gradesFileSchema } from '@parallax/contract';
import { InvalidInputError } from '@parallax/core';
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
    .command('grade [source] [grade]')
    .description(
      'set a source\'s reliability (A–F) with the reason; F means "cannot be judged". ' +
        'With --file, apply a JSON list of {"source","grade","why"} all at once (nothing changes if one entry is bad)',
    )
    .option('--why <rationale>', 'why this grade (kept with it)')
    .option('--file <grades.json>', 'grade many sources from a file')
    .option('--json', 'print the graded source(s) as JSON')
    .action(
      async (
        source: string | undefined,
        grade: string | undefined,
        opts: { why?: string; file?: string; json?: boolean },
        cmd: Command,
      ) => {
        if (opts.file) {
          if (source || grade) throw new InvalidInputError('give either --file or <source> <grade>, not both');
          const entries = readGradesFile(opts.file);
          await withWorkbench(cmd, 'write', async (wb) => {
            const result = await gradeSources(wb, entries, opts.file);
            if (wantsJson(opts, cmd)) return printJson(result);
            for (const s of result.sources) console.log(`${s.name}: ${s.reliability} — ${s.reliabilityRationale}`);
            console.log(eventChangesText(result.events));
          });
          return;
        }
        if (!source || !grade) throw new InvalidInputError('give <source> <grade> --why "…", or --file grades.json');
        if (opts.why === undefined) throw new InvalidInputError('--why: give the reason for the grade');
        const why = opts.why;
        await withWorkbench(cmd, 'write', async (wb) => {
          const result = await gradeSource(wb, source, grade, why);
          if (wantsJson(opts, cmd)) return printJson(result.source);
          console.log(`${result.source.name}: ${result.source.reliability} — ${result.source.reliabilityRationale}`);
          console.log(eventChangesText(result.events));
        });
      },
    );
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

function readGradesFile(file: string): GradesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InvalidInputError(e.code === 'ENOENT' ? `${file}: no such file` : `${file}: not JSON (${e.message})`);
  }
  const parsed = gradesFileSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(`${file}: ${describeZodError(parsed.error, 'entry')}`);
  return parsed.data;
}
