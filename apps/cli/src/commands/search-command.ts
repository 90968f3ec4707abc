import type { Command } from 'commander';
import { positiveInt, printJson, withWorkbench } from '../command-context.ts';

export function registerSearch(program: Command): void {
  program
    .command('search <text...>')
    .description('full-text search over documents (all words must match; "quoted phrases" stay together)')
    .option('--limit <n>', 'how many hits (default 20)', positiveInt('--limit', 1000), 20)
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: { limit: number; json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'read', async (wb) => {
        const page = await wb.store.searchDocuments(words.join(' '), { limit: opts.limit });
        if (opts.json) return printJson(page);
        for (const hit of page.items) {
          console.log(
            `${hit.document.published?.slice(0, 10) ?? '          '}  ${hit.document.title}  (${hit.document.publisher ?? hit.document.url ?? hit.document.id})`,
          );
          console.log(`            ${hit.snippet.replace(/\s+/g, ' ')}`);
        }
        console.log(`${page.items.length} of ${page.total} documents`);
      });
    });
}
