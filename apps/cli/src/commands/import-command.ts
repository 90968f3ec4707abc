import { type DatasetFile, importDatasetFiles } from '@parallax/app';
import { readGdeltExportFile } from '@parallax/runtime';
import type { Command } from 'commander';
import { printJson, withWorkbench } from '../command-context.ts';

export function registerImport(program: Command): void {
  const imp = program.command('import').description('import coded event datasets');
  imp
    .command('gdelt <files...>')
    .description('import GDELT 2.0 events export files (tab-separated, 61 columns)')
    .option('--json', 'print the summary as JSON')
    .action(async (files: string[], opts: { json?: boolean }, cmd: Command) => {
      await withWorkbench(cmd, 'write', async (wb) => {
        const datasets: DatasetFile[] = [];
        for (const file of files) datasets.push(readGdeltExportFile(file, wb.reference, wb.clock));
        const summary = await importDatasetFiles(wb, datasets);
        if (opts.json) printJson(summary);
        else {
          console.log(
            `read ${summary.read} rows: ${summary.inserted} new, ${summary.duplicates} already stored, ${summary.failed} failed`,
          );
          for (const r of summary.rejected.slice(0, 20)) console.error(`  ${r.file}:${r.line}: ${r.reason}`);
          if (summary.rejected.length > 20) console.error(`  … and ${summary.rejected.length - 20} more`);
        }
      });
    });
}
