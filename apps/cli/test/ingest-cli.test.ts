import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkbench } from '@parallax/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticGdelt } from '../../../scripts/bench/gdelt-file-generator.ts';

const BIN = fileURLToPath(new URL('../bin/parallax.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../packages/ingest/test/fixtures/', import.meta.url));
let dir: string;

function parallax(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PARALLAX_WORKSPACE: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-ingest-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parallax ingest', () => {
  it('ingests a folder, records wire copies, reports failures by input, and lists documents in the documented shape', () => {
    const ws = join(dir, 'docs-ws');
    const folder = join(dir, 'inbox');
    mkdirSync(join(folder, 'portal'), { recursive: true });
    const story = readFileSync(join(FIXTURES, 'wire-story.html'), 'utf8');
    writeFileSync(join(folder, 'original.html'), story);
    writeFileSync(
      join(folder, 'portal', 'copy.html'),
      story
        .replace(
          /https:\/\/www\.northern-ledger\.test\/world\/border-crossing-reopens/g,
          'https://portal.example.test/n/1',
        )
        .replace('<link rel="canonical" href="/world/border-crossing-reopens?utm=none">', '')
        .replace(/Northern Ledger/g, 'Example Portal')
        .replace('2024-03-05T08:15:00+02:00', '2024-03-05T10:00:00+02:00'),
    );
    writeFileSync(join(folder, 'index.html'), readFileSync(join(FIXTURES, 'index-page.html')));
    writeFileSync(join(folder, 'skip.pdf'), 'not even a pdf');
    const r = parallax('-w', ws, 'ingest', folder, '--exclude', '*.pdf', '--json');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ read: 3, inserted: 2, syndicated: 1, duplicates: 0, failed: 1 });
    expect(summary.failures[0].reason).toMatch(/index\.html: no main text found/);
    const again = JSON.parse(parallax('-w', ws, 'ingest', folder, '--include', '**/*.html', '--json').stdout);
    expect(again).toMatchObject({ inserted: 0, duplicates: 2 });
    const docs = JSON.parse(parallax('-w', ws, 'documents', '--json').stdout) as Record<string, unknown>[];
    expect(docs).toHaveLength(2);
    for (const d of docs)
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining(['id', 'url', 'title', 'publisher', 'published', 'syndicatedFrom']),
      );
    const original = docs.find((d) => d.publisher === 'Northern Ledger');
    const copy = docs.find((d) => d.publisher === 'Example Portal');
    expect(copy?.syndicatedFrom).toBe(original?.id);
    expect(original?.syndicatedFrom).toBeNull();
    const sheet = join(dir, 'sheet.xlsx');
    writeFileSync(sheet, 'PK');
    const human = parallax('-w', ws, 'ingest', join(dir, 'missing.md'), sheet, 'https://127.0.0.1:9/x');
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/sheet\.xlsx: unsupported file type '\.xlsx'/);
    expect(human.stderr).toMatch(/missing\.md: no such file/);
    expect(human.stderr).toMatch(
      /https:\/\/127\.0\.0\.1:9\/x: refused: 127\.0\.0\.1 \(a private, loopback or link-local address\)/,
    );
  });
});

describe('parallax import gdelt, killed mid-import', () => {
  it('leaves a consistent workspace that a re-run completes with no duplicates and no loss', async () => {
    const ws = join(dir, 'kill-ws');
    const file = join(dir, '20240101000000.export.CSV');
    const rows = 60_000;
    await writeSyntheticGdelt(file, rows, 900_000_000, 7);
    const child: ChildProcess = spawn(
      process.execPath,
      [BIN, '-w', ws, 'import', 'gdelt', file, '--chunk-rows', '2000', '--no-corroborate'],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // Kill it as soon as the progress line shows stored rows: mid-file, between or during slices.
    await new Promise<void>((resolve, reject) => {
      child.stderr?.on('data', (d: Buffer) => {
        if (/[1-9][\d,]* new/.test(d.toString())) resolve();
      });
      child.on('exit', () => reject(new Error('the import finished before it could be killed')));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const wb = await openWorkbench({ dir: ws });
    const partial = (await wb.store.info()).counts;
    await wb.close();
    expect(partial.claims).toBeGreaterThan(0);
    expect(partial.claims).toBeLessThan(rows);
    // Slices are atomic: only whole slices of 2,000 rows, each with its document.
    expect(partial.claims % 2000).toBe(0);
    expect(partial.documents).toBe(partial.claims / 2000);

    const rerun = parallax('-w', ws, 'import', 'gdelt', file, '--chunk-rows', '2000', '--no-corroborate', '--json');
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary).toMatchObject({
      read: rows,
      failed: 0,
      duplicates: partial.claims,
      inserted: rows - partial.claims,
    });
    const after = await openWorkbench({ dir: ws });
    const counts = (await after.store.info()).counts;
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await after.store.listClaims({}, { limit: 20_000, cursor });
      for (const c of page.items) ids.add(c.id);
      cursor = page.next;
    } while (cursor);
    await after.close();
    expect(counts.claims).toBe(rows);
    expect(ids.size).toBe(rows);
    expect(counts.documents).toBe(rows / 2000);
  }, 120_000);
});
