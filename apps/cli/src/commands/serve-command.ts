import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDemoWorkspace, openWorkbench, resolveWorkspaceDir, type Workbench } from '@parallax/runtime';
import { startServer } from '@parallax/server';
import type { Command } from 'commander';
import { globals, positiveInt } from '../command-context.ts';
import { progressBar } from '../progress-bar.ts';

/** Where `npm run build` puts the web workbench. */
const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

async function serve(
  workbench: Workbench,
  opts: { port: number; host: string; open?: boolean; allowPrivateFetch?: boolean },
): Promise<void> {
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    console.error('parallax: the web app is not built; serving the API only (run `npm run build` for the workbench)');
  }
  const server = await startServer({
    workbench,
    host: opts.host,
    port: opts.port,
    webDir: WEB_DIST,
    token: process.env.PARALLAX_TOKEN ?? null,
    allowPrivateFetch: opts.allowPrivateFetch ?? false,
  });
  console.log(`Parallax workbench: ${server.url}`);
  console.log(`API docs:           ${server.url}api/docs`);
  if (opts.open && process.stdout.isTTY && !process.env.CI) {
    // Best effort: a missing opener (headless machine) is not an error.
    spawn('xdg-open', [server.url], { stdio: 'ignore', detached: true })
      .on('error', () => {})
      .unref();
  }
  const shutdown = async () => {
    await server.close();
    await workbench.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const portOption = positiveInt('--port', 65_535);

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the workbench and the HTTP API for a workspace')
    .option('--port <port>', 'port to listen on', portOption, 4173)
    .option('--host <host>', 'interface to bind (loopback by default; writes then need PARALLAX_TOKEN)', '127.0.0.1')
    .option('--allow-private-fetch', 'let ingest jobs fetch URLs on private, loopback and link-local addresses')
    .action(async (opts: { port: number; host: string; allowPrivateFetch?: boolean }, cmd: Command) => {
      const workbench = await openWorkbench({ dir: resolveWorkspaceDir(globals(cmd).workspace) });
      await serve(workbench, opts);
    });

  program
    .command('demo')
    .description(
      'build the demo workspace (the first case, from data/demo and the GDELT sample) if needed, and serve it',
    )
    .option('--port <port>', 'port to listen on', portOption, 4173)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--no-open', 'do not open a browser')
    .option('--rebuild', 'rebuild the demo workspace even if it exists')
    .action(async (opts: { port: number; host: string; open: boolean; rebuild?: boolean }, cmd: Command) => {
      const dir = resolveWorkspaceDir(globals(cmd).workspace);
      const workbench = await openWorkbench({ dir, create: true });
      const info = await workbench.store.info();
      if (info.counts.documents === 0 || opts.rebuild) {
        console.log(`building the demo workspace in ${dir}`);
        let bar: ReturnType<typeof progressBar> | null = null;
        const summary = await buildDemoWorkspace(workbench, {
          onStep: (m) => console.log(`  ${m}`),
          onProgress: (done, total) => {
            bar ??= progressBar('  documents', total);
            bar.update(done);
            if (done === total) bar.stop();
          },
        });
        console.log(
          `  ${summary.documents.inserted} documents, ${summary.documents.claims} claims (${summary.extractor}), ` +
            `${summary.gdelt.inserted} GDELT rows, ${summary.events} events`,
        );
      } else {
        console.log(`using the existing workspace in ${dir} (${info.counts.events} events; --rebuild to start over)`);
      }
      await serve(workbench, opts);
    });
}
