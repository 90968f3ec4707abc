// PARALLAX_STORE through the composition root: the CLI and the server open the store it names. The
// error paths need no server and always run; the round trips run under `npm run test:clickhouse`
// (PARALLAX_TEST_CLICKHOUSE set), against the throwaway 2-shard cluster.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkbench } from '@parallax/runtime';
import { dropClickHouseDatabase, openClickHouseStore } from '@parallax/store-clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../apps/cli/bin/parallax.js', import.meta.url));
const GDELT = fileURLToPath(new URL('../data/gdelt/samples/20180326044500.export.CSV', import.meta.url));
const URL_ENV = process.env.PARALLAX_TEST_CLICKHOUSE?.trim() || null;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-store-env-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parallax(store: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PARALLAX_WORKSPACE: '', PARALLAX_STORE: store },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('PARALLAX_STORE in the composition root', () => {
  it('names an unreachable ClickHouse node instead of falling back to the workspace file', {
    timeout: 30_000,
  }, async () => {
    const port = await freePort();
    const ws = join(dir, 'unreachable');
    const r = parallax(`clickhouse://127.0.0.1:${port}/parallax`, '-w', ws, 'import', 'gdelt', GDELT);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).toMatch(/unreachable/);
    expect(r.stdout).toBe('');
  });

  it('refuses a store it does not know, without showing the password', { timeout: 30_000 }, async () => {
    const r = parallax(
      'postgres://analyst:hunter2@db.example/parallax',
      '-w',
      join(dir, 'foreign'),
      'import',
      'gdelt',
      GDELT,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/PARALLAX_STORE .*expected "sqlite" or a clickhouse:\/\/ URL/);
    expect(r.stderr).not.toContain('hunter2');
    await expect(openWorkbench({ dir: join(dir, 'foreign'), create: true, store: 'mongodb://x' })).rejects.toThrow(
      /PARALLAX_STORE "mongodb:\/\/x"/,
    );
  });

  it('keeps the workspace file when PARALLAX_STORE is sqlite or blank', async () => {
    for (const store of ['sqlite', '  ']) {
      const wb = await openWorkbench({ dir: join(dir, 'plain'), create: true, store, extractor: null });
      expect((await wb.store.info()).kind).toBe('sqlite');
      await wb.close();
    }
  });
});

const suite = URL_ENV ? describe : describe.skip;
const title = URL_ENV
  ? 'PARALLAX_STORE=clickhouse://… for the CLI and the server'
  : 'PARALLAX_STORE=clickhouse://… for the CLI and the server (skipped: no ClickHouse configured; run `npm run test:clickhouse`)';

suite(title, () => {
  const url = (URL_ENV ?? '').replace(/^(clickhouse:\/\/[^/?#]+\/)[^?#]*/, `$1parallax_env_${process.pid}`);
  let server: ChildProcess | null = null;

  beforeAll(async () => {
    await dropClickHouseDatabase(url);
  });
  afterAll(async () => {
    if (server?.pid) server.kill('SIGTERM');
    await dropClickHouseDatabase(url);
  });

  it('imports and lists through the CLI into the cluster, not the workspace file', async () => {
    const ws = join(dir, 'cli');
    const first = parallax(url, '-w', ws, 'import', 'gdelt', GDELT, '--json');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ read: 1540, inserted: 1540, duplicates: 0, failed: 0 });
    const again = parallax(url, '-w', ws, 'import', 'gdelt', GDELT, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, duplicates: 1540 });
    const events = JSON.parse(parallax(url, '-w', ws, 'events', '--json', '--limit', '5', '--country', 'USA').stdout);
    expect(events).toHaveLength(5);

    const clickhouse = await openClickHouseStore({ url });
    const counts = (await clickhouse.info()).counts;
    await clickhouse.close();
    expect(counts.claims).toBe(1540);
    expect(counts.events).toBeGreaterThan(5);
    // The workspace's own file stayed empty: nothing fell back to SQLite.
    const local = await openWorkbench({ dir: ws, store: 'sqlite', extractor: null });
    expect((await local.store.info()).counts.claims).toBe(0);
    await local.close();
  }, 120_000);

  it('serves the cluster through `parallax serve`', async () => {
    const port = await freePort();
    const proc = spawn(process.execPath, [BIN, '-w', join(dir, 'cli'), 'serve', '--port', String(port)], {
      cwd: dir,
      env: { ...process.env, PARALLAX_WORKSPACE: '', PARALLAX_STORE: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = proc;
    let output = '';
    proc.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    proc.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 30_000;
    while (!output.includes('Parallax workbench:')) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`serve did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const info = (await (await fetch(`http://127.0.0.1:${port}/api/info`)).json()) as {
      store: { kind: string; counts: Record<string, number> };
    };
    expect(info.store.kind).toBe('clickhouse');
    expect(info.store.counts.claims).toBe(1540);
    proc.kill('SIGTERM');
    await new Promise((resolve) => proc.once('exit', resolve));
    server = null;
  }, 60_000);
});
