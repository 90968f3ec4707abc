import { Command } from 'commander';
import { reportError } from './cli-error.ts';
import { registerBrief } from './commands/brief-command.ts';
import { registerClaims } from './commands/claims-command.ts';
import { registerDocuments } from './commands/documents-command.ts';
import { registerEvents } from './commands/events-command.ts';
import { registerExtract } from './commands/extract-command.ts';
import { registerImport } from './commands/import-command.ts';
import { registerIngest } from './commands/ingest-command.ts';
import { registerInit } from './commands/init-command.ts';
import { registerSearch } from './commands/search-command.ts';
import { registerServe } from './commands/serve-command.ts';
import { registerSettings } from './commands/settings-command.ts';
import { registerSources } from './commands/sources-command.ts';
import { registerFeeds, registerWatch } from './commands/watch-command.ts';

const program = new Command('parallax')
  .description('Parallax — who did what to whom, where and when, and who says so')
  .version('0.1.0')
  .option('-w, --workspace <dir>', 'workspace folder (default: $PARALLAX_WORKSPACE or ./parallax-workspace)')
  .option('--debug', 'print stack traces for unexpected errors')
  .showHelpAfterError('(run parallax --help for usage)');

registerInit(program);
registerSettings(program);
registerIngest(program);
registerExtract(program);
registerImport(program);
registerFeeds(program);
registerWatch(program);
registerDocuments(program);
registerEvents(program);
registerClaims(program);
registerSources(program);
registerSearch(program);
registerBrief(program);
registerServe(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportError(error, process.argv.includes('--debug'));
}
