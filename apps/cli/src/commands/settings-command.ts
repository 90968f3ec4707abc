import { InvalidInputError } from '@parallax/core';
import { resolveWorkspaceDir, updateWorkspaceSettings, workspaceSettings } from '@parallax/runtime';
import type { Command } from 'commander';
import { globals, printJson, wantsJson } from '../command-context.ts';

export function registerSettings(program: Command): void {
  program
    .command('settings')
    .description("show or change the workspace's title and the view the workbench opens on")
    .option('--title <text>', 'what the workspace is about ("" clears it)')
    .option('--view <query>', 'filter query the workbench opens on, e.g. "from=2024-06-01&country=RUS" ("" clears it)')
    .option('--json', 'print the settings as JSON')
    .action((opts: { title?: string; view?: string; json?: boolean }, cmd: Command) => {
      const dir = resolveWorkspaceDir(globals(cmd).workspace);
      const settings =
        opts.title !== undefined || opts.view !== undefined
          ? updateWorkspaceSettings(dir, { title: opts.title, view: opts.view })
          : workspaceSettings(dir);
      if (!settings)
        throw new InvalidInputError(`${dir}: no Parallax workspace here (create one with \`parallax init\`)`);
      if (wantsJson(opts, cmd)) return printJson(settings);
      console.log(`title: ${settings.title ?? '–'}\nview:  ${settings.view ?? '– (everything)'}`);
    });
}
