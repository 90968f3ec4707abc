import { type IngestSummary, ingestDocuments } from '@parallax/app';
import { InvalidInputError } from '@parallax/core';
import { FetchState, ingestFeed, readDocumentInputs } from '@parallax/runtime';
import type { Command } from 'commander';
import { printJson, withWorkbench } from '../command-context.ts';
import { progressBar } from '../progress-bar.ts';

interface IngestOptions {
  json?: boolean;
  feed?: string[];
  urls?: string[];
  include?: string[];
  exclude?: string[];
  allowPrivate?: boolean;
  maxBytes?: string;
  corroborate?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function printIngestSummary(summary: IngestSummary, label = 'read'): void {
  console.log(
    `${label} ${summary.read}: ${summary.inserted} new (${summary.syndicated} republished copies), ` +
      `${summary.duplicates} already stored, ${summary.unchanged} unchanged since the last fetch, ${summary.failed} failed; ` +
      `${summary.claims} claims` +
      (summary.events ? `; ${summary.events.events} events (${summary.events.inserted} new)` : ''),
  );
  for (const f of summary.failures)
    console.error(`  failed: ${f.reason.startsWith(f.input) ? f.reason : `${f.input}: ${f.reason}`}`);
}

export function registerIngest(program: Command): void {
  program
    .command('ingest [inputs...]')
    .description(
      'add documents: files (text, Markdown, HTML, PDF), folders (recursive), http(s) URLs, @url-list files, and feeds (--feed)',
    )
    .option('--feed <url|file>', 'an RSS, Atom or JSON Feed: ingest its new items (repeatable)', collect)
    .option('--urls <file>', 'a file listing URLs to fetch, one per line (repeatable)', collect)
    .option('--include <glob>', "in folders, take only files matching (e.g. '**/*.html'; repeatable)", collect)
    .option('--exclude <glob>', "in folders, skip files matching (e.g. 'drafts/**'; repeatable)", collect)
    .option('--allow-private', 'allow fetching from private, loopback and link-local addresses')
    .option('--max-bytes <n>', 'largest document accepted, in bytes (default 50 MiB)')
    .option('--no-corroborate', 'do not re-weigh events after ingesting')
    .option('--json', 'print the summary as JSON')
    .action(async (inputs: string[], opts: IngestOptions, cmd: Command) => {
      if (!inputs.length && !opts.feed?.length && !opts.urls?.length) {
        throw new InvalidInputError('give files, folders, URLs, --urls <file> or --feed <url|file> to ingest');
      }
      const maxBytes = opts.maxBytes === undefined ? undefined : Number(opts.maxBytes);
      if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes > 0)) {
        throw new InvalidInputError(`--max-bytes: expected a whole number of bytes, got '${opts.maxBytes}'`);
      }
      await withWorkbench(cmd, 'write', async (wb) => {
        const results: IngestSummary[] = [];
        if (inputs.length || opts.urls?.length) {
          let bar: ReturnType<typeof progressBar> | null = null;
          const read = await readDocumentInputs(
            { paths: inputs, urlLists: opts.urls },
            { ...wb, fetchState: new FetchState(wb.dir) },
            {
              include: opts.include,
              exclude: opts.exclude,
              allowPrivate: opts.allowPrivate,
              maxBytes,
              onRead: (done, total) => {
                if (total > 1) {
                  bar ??= progressBar('read', total);
                  bar.update(done);
                }
              },
            },
          );
          (bar as ReturnType<typeof progressBar> | null)?.stop();
          const store = read.documents.length > 1 ? progressBar('store', read.documents.length) : null;
          const summary = await ingestDocuments(wb, read.documents, {
            failures: read.failures,
            unchanged: read.unchanged.length,
            corroborate: opts.corroborate,
            onProgress: (done, _total, s) =>
              store?.update(done, `${s.inserted} new, ${s.syndicated} copies, ${s.duplicates} dup`),
          });
          store?.stop();
          results.push(summary);
        }
        for (const feed of opts.feed ?? []) {
          try {
            results.push(await ingestFeed(wb, feed, { allowPrivate: opts.allowPrivate }));
          } catch (error) {
            results.push({
              read: 0,
              inserted: 0,
              duplicates: 0,
              syndicated: 0,
              unchanged: 0,
              failed: 1,
              failures: [{ input: feed, reason: (error as Error).message }],
              claims: 0,
              events: null,
            });
          }
        }
        const total = results.reduce(
          (a, s) => ({
            read: a.read + s.read,
            inserted: a.inserted + s.inserted,
            duplicates: a.duplicates + s.duplicates,
            syndicated: a.syndicated + s.syndicated,
            unchanged: a.unchanged + s.unchanged,
            failed: a.failed + s.failed,
            failures: [...a.failures, ...s.failures],
            claims: a.claims + s.claims,
            events: s.events ?? a.events,
          }),
          {
            read: 0,
            inserted: 0,
            duplicates: 0,
            syndicated: 0,
            unchanged: 0,
            failed: 0,
            failures: [],
            claims: 0,
            events: null,
          } as IngestSummary,
        );
        if (opts.json) printJson(total);
        else printIngestSummary(total);
        if (total.failed > 0) process.exitCode = 1;
      });
    });
}
