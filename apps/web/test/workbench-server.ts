import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoWorkspace, openWorkbench, type Workbench } from '@parallax/runtime';
import { startServer } from '@parallax/server';
import { build } from 'vite';

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the web app from source into a temporary folder and serves it with the demo workspace, so
 * browser tests always exercise the current code rather than a stale dist/.
 */
export async function startDemoWorkbench(): Promise<{ url: string; workbench: Workbench; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-e2e-'));
  const webDir = join(dir, 'web');
  await build({ root: WEB_ROOT, logLevel: 'error', build: { outDir: webDir, emptyOutDir: true } });
  const workbench = await openWorkbench({ dir: join(dir, 'ws'), create: true });
  await buildDemoWorkspace(workbench);
  const server = await startServer({ workbench, port: 0, webDir });
  return {
    url: server.url,
    workbench,
    async stop() {
      await server.close();
      await workbench.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
