import {
  type DatasetChunkRead,
  emptyImportSummary,
  finishImport,
  type ImportSummary,
  importDatasetChunks,
} from '@parallax/app';
import { describeZodError, gdeltImportOptionsSchema } from '@parallax/contract';
import { InvalidInputError } from '@parallax/core';
import {
  gdeltEventFileChunks,
  importGdeltMentionFiles,
  resolveGdeltFileList,
  ucdpFileChunks,
  type Workbench,
} from '@parallax/runtime';
import type { Command } from 'commander';
import { printJson, withWorkbench } from '../command-context.ts';
import { progressCounter } from '../progress-bar.ts';

interface ImportOptions {
  json?: boolean;
  corroborate?: boolean;
  actorCountry?: string;
  cameo?: string;
  from?: string;
  to?: string;
  bbox?: string;
  since?: string;
  until?: string;
  list?: string;
  mentions?: boolean;
  allowPrivate?: boolean;
  maxBytes?: string;
  chunkRows?: string;
}

function printSummary(summary: ImportSummary, json: boolean | undefined): void {
  if (json) {
    printJson(summary);
    return;
  }
  console.log(
    `read ${summary.read.toLocaleString('en-US')} rows from ${summary.files} file(s): ${summary.inserted.toLocaleString('en-US')} new, ` +
      `${summary.duplicates.toLocaleString('en-US')} already stored, ${summary.filtered.toLocaleString('en-US')} filtered out, ` +
      `${summary.failed.toLocaleString('en-US')} failed` +
      (summary.events ? `; ${summary.events.events} events (${summary.events.inserted} new)` : ''),
  );
  for (const r of summary.rejected.slice(0, 20)) console.error(`  ${r.file}:${r.line}: ${r.reason}`);
  if (summary.failed > 20) console.error(`  … and ${summary.failed - 20} more rejected rows (all listed in --json)`);
  for (const f of summary.failedFiles) console.error(`  failed: ${f.reason}`);
}

async function runImport(
  wb: Workbench,
  label: string,
  files: { path: string; chunks: () => AsyncIterable<DatasetChunkRead> }[],
  opts: ImportOptions,
): Promise<ImportSummary> {
  const summary = emptyImportSummary();
  const counter = progressCounter(`import ${label}`, 'rows');
  const detail = (s: ImportSummary) =>
    `${s.inserted.toLocaleString('en-US')} new, ${s.duplicates.toLocaleString('en-US')} dup, ${s.failed.toLocaleString('en-US')} failed`;
  for (const file of files) {
    await importDatasetChunks(wb, file.path, file.chunks(), summary, (s) => counter.update(s.read, detail(s)));
  }
  counter.update(summary.read, detail(summary));
  counter.stop();
  await finishImport(wb, summary, { corroborate: opts.corroborate });
  printSummary(summary, opts.json);
  if (summary.failedFiles.length > 0) process.exitCode = 1;
  return summary;
}

export function registerImport(program: Command): void {
  const imp = program.command('import').description('import coded event datasets (streamed: files of any size)');
  imp
    .command('gdelt [files...]')
    .description(
      'import GDELT 2.0 events exports (61 columns) or mentions files (16 columns), raw or zipped; with --since/--until, fetch them from the master file list',
    )
    .option('--actor-country <codes>', 'keep rows where either actor is from one of these ISO-3 countries')
    .option('--cameo <roots>', 'keep rows with these CAMEO root codes (e.g. 18,19,20)')
    .option('--from <date>', 'keep events on or after this day (YYYY-MM-DD)')
    .option('--to <date>', 'keep events on or before this day (YYYY-MM-DD)')
    .option('--bbox <w,s,e,n>', 'keep events whose action place lies in this box (degrees)')
    .option('--mentions', 'the files are mentions files (otherwise told by name: *.mentions.CSV)')
    .option('--since <time>', 'fetch files published at or after this time (YYYY-MM-DD or YYYYMMDDHHMMSS)')
    .option('--until <time>', 'fetch files published before this time')
    .option(
      '--list <url|file>',
      "GDELT file list to fetch from (default: GDELT's masterfilelist.txt; lastupdate.txt for the latest)",
    )
    .option('--allow-private', 'allow fetching from private, loopback and link-local addresses')
    .option('--max-bytes <n>', 'largest file (or zip entry, expanded) accepted, in bytes')
    .option('--chunk-rows <n>', 'rows per stored slice (default 5000 events, 4000 mentions, 10000 UCDP rows)')
    .option('--no-corroborate', 'do not re-weigh events after the import')
    .option('--json', 'print the summary as JSON')
    .action(async (files: string[], opts: ImportOptions, cmd: Command) => {
      const parsed = gdeltImportOptionsSchema.safeParse(opts);
      if (!parsed.success) throw new InvalidInputError(describeZodError(parsed.error));
      const o = parsed.data;
      if (!files.length && !o.since)
        throw new InvalidInputError('give GDELT files to import, or --since to fetch them');
      await withWorkbench(cmd, 'write', async (wb) => {
        const limits = { maxBytes: o.maxBytes, chunkRows: o.chunkRows };
        let paths = files.map((path) => ({ path, url: null as string | null }));
        if (o.since) {
          const fetched = await resolveGdeltFileList(wb, {
            list: o.list,
            since: o.since,
            until: o.until,
            kinds: opts.mentions ? ['export', 'mentions'] : ['export'],
            allowPrivate: opts.allowPrivate ?? false,
            onFile: (url) => process.stderr.write(`fetched ${url}\n`),
          });
          paths = [...paths, ...fetched];
        }
        const isMentions = (p: { path: string; url: string | null }) =>
          /\.mentions\./i.test(p.url ?? p.path) || (opts.mentions === true && !o.since);
        const events = paths.filter((p) => !isMentions(p));
        const mentions = paths.filter((p) => isMentions(p));
        const summary = await runImport(
          wb,
          'gdelt',
          events.map((p) => ({
            path: p.path,
            chunks: () => gdeltEventFileChunks(p.path, wb, { ...limits, url: p.url, filter: o.filter }),
          })),
          { ...opts, corroborate: mentions.length ? false : opts.corroborate },
        );
        if (mentions.length) {
          const counter = progressCounter('import gdelt mentions', 'rows');
          const m = await importGdeltMentionFiles(wb, mentions, {
            ...limits,
            corroborate: opts.corroborate,
            onProgress: (s) => counter.update(s.read, `${s.inserted} attached, ${s.unmatched} of unknown events`),
          });
          counter.stop();
          if (summary.inserted > 0 && m.inserted === 0 && opts.corroborate !== false) await finishImport(wb, summary);
          printSummary(m, opts.json);
          if (m.failedFiles.length > 0) process.exitCode = 1;
        }
      });
    });

  imp
    .command('ucdp <files...>')
    .description('import UCDP Georeferenced Event Dataset (GED) CSV files')
    .option('--max-bytes <n>', 'largest file accepted, in bytes')
    .option('--no-corroborate', 'do not re-weigh events after the import')
    .option('--json', 'print the summary as JSON')
    .action(async (files: string[], opts: ImportOptions, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        await runImport(
          wb,
          'ucdp',
          files.map((path) => ({
            path,
            chunks: () => ucdpFileChunks(path, wb, { maxBytes: opts.maxBytes ? Number(opts.maxBytes) : undefined }),
          })),
          opts,
        );
      });
    });
}
