import { initWorkspace, resolveWorkspaceDir } from '@parallax/runtime';
import type { Command } from 'commander';
import { globals } from '../command-context.ts';

export function registerInit(program: Command): void {
  program
    .command('init [dir]')
    .description('create an empty workspace (a folder holding one SQLite database)')
    .action((dir: string | undefined, _opts, cmd: Command) => {
      const target = resolveWorkspaceDir(dir ?? globals(cmd).workspace);
      const { created } = initWorkspace(target);
      console.log(created ? `created workspace ${target}` : `workspace ${target} already exists; left as it is`);
    });
}
