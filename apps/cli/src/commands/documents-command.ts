import type { Command } from 'commander';
import { positiveInt, printJson, withWorkbench } from '../command-context.ts';
import { textTable } from '../text-table.ts';

export function registerDocuments(program: Command): void {
  program
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
}
