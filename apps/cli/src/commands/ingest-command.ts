import { type IngestFailure, ingestDocuments, type ReadDocument } from '@parallax/app';
import { readDocumentFile } from '@parallax/runtime';
import type { Command } from 'commander';
import { printJson, withWorkbench } from '../command-context.ts';
import { progressBar } from '../progress-bar.ts';

export function registerIngest(program: Command): void {
  program
    .command('ingest <files...>')
    .description('add documents (plain text or Markdown, with optional YAML front matter) to the workspace')
    .option('--json', 'print the summary as JSON')
    .action(async (files: string[], opts: { json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const inputs: ReadDocument[] = [];
        const failures: IngestFailure[] = [];
        for (const file of files) {
          try {
            inputs.push(readDocumentFile(file, wb.clock));
          } catch (error) {
            failures.push({ input: file, reason: (error as Error).message });
          }
        }
        const bar = inputs.length > 1 ? progressBar('ingest', inputs.length) : null;
        const summary = await ingestDocuments(wb, inputs, { failures, onProgress: (done) => bar?.update(done) });
        bar?.stop();
        if (opts.json) printJson(summary);
        else {
          console.log(
            `read ${summary.read}: ${summary.inserted} new, ${summary.duplicates} already stored, ${summary.failed} failed; ${summary.claims} claims` +
              (summary.events ? `; ${summary.events.events} events (${summary.events.inserted} new)` : ''),
          );
          for (const f of summary.failures) console.error(`  failed: ${f.reason}`);
        }
        if (summary.failed > 0) process.exitCode = 1;
      });
    });
}
