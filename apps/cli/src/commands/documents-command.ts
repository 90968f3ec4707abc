import { retractDocument } from '@parallax/app';
import type { Command } from 'commander';
import { positiveInt, printJson, wantsJson, withWorkbench } from '../command-context.ts';
import { eventChangesText } from '../event-changes-text.ts';
import { textTable } from '../text-table.ts';

export function registerDocuments(program: Command): void {
  const documents = program
    .command('documents')
    .description('list stored documents, newest first')
    .option('--limit <n>', 'how many (default 100)', positiveInt('--limit', 100_000), 100)
    .option('--json', 'print a JSON array of documents (without their text)')
    .action(async (opts: { limit: number; json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'read', async (wb) => {
        const page = await wb.store.listDocuments({}, { limit: opts.limit });
        const items = page.items.map(({ text: _text, ...d }) => d);
        if (opts.json) return printJson(items);
        console.log(
          textTable(
            ['published', 'publisher', 'title', 'copy of', 'id'],
            items.map((d) => [
              d.published?.slice(0, 10) ?? '–',
              d.publisher ?? '–',
              d.title,
              d.syndicatedFrom ?? '',
              d.id,
            ]),
          ),
        );
        console.log(`${items.length} of ${page.total} documents`);
      });
    });
  documents
    .command('retract <id>')
    .description('mark a document retracted (its text stays) and re-weigh the events that cite it or its copies')
    .requiredOption('--why <reason>', 'why it is retracted (kept with it)')
    .option('--json', 'print the document and the event changes as JSON')
    .action(async (id: string, opts: { why: string; json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const result = await retractDocument(wb, id, opts.why);
        if (wantsJson(opts, cmd)) return printJson(result);
        console.log(`Retracted ${result.document.title} — ${opts.why.trim()}`);
        console.log(eventChangesText(result.events));
      });
    });
}
