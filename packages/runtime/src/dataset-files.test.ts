import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyImportSummary, importDatasetChunks } from '@parallax/app';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gdeltEventFileChunks } from './dataset-files.ts';
import { openWorkbench, type Workbench } from './workspace.ts';

const REPO = new URL('../../../', import.meta.url).pathname;
const SAMPLE = `${REPO}data/gdelt/samples/20180326044500.export.CSV`;
const sampleHash = createHash('sha256').update(readFileSync(SAMPLE)).digest('hex');
let dir: string;
let wb: Workbench | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-dataset-files-'));
});
afterEach(async () => {
  await wb?.close();
  wb = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dataset files and their archived original', () => {
  it('archives the original and names it on every stored slice', async () => {
    wb = await openWorkbench({ dir: join(dir, 'named'), create: true });
    const summary = emptyImportSummary();
    await importDatasetChunks(wb, SAMPLE, gdeltEventFileChunks(SAMPLE, wb, { chunkRows: 40 }), summary);
    expect(summary).toMatchObject({ read: 1540, inserted: 1540, failed: 0 });
    const slices = (await wb.store.listDocuments({}, { limit: 500 })).items;
    expect(slices).toHaveLength(39);
    expect(new Set(slices.map((d) => d.originalHash))).toEqual(new Set([sampleHash]));
    expect(wb.archive.has(sampleHash)).toBe(true);
  });

  it('tells the store that slices are coming once a file has more than one, before any is stored', async () => {
    const open = await openWorkbench({ dir: join(dir, 'expect'), create: true });
    wb = open;
    const told: number[] = [];
    const store = Object.assign(Object.create(open.store), {
      expectDatasetAppends: () => {
        told.push(stored);
        open.store.expectDatasetAppends?.();
      },
      appendDatasetChunk: (chunk: Parameters<typeof open.store.appendDatasetChunk>[0]) => {
        stored++;
        return open.store.appendDatasetChunk(chunk);
      },
    });
    let stored = 0;
    const summary = emptyImportSummary();
    const deps = { ...open, store };
    await importDatasetChunks(deps, SAMPLE, gdeltEventFileChunks(SAMPLE, deps, { chunkRows: 400 }), summary);
    expect(summary).toMatchObject({ read: 1540, inserted: 1540, failed: 0 });
    expect(told).toEqual([0]);
    // One slice only: nothing to get ready for.
    told.length = 0;
    await importDatasetChunks(deps, SAMPLE, gdeltEventFileChunks(SAMPLE, deps, { chunkRows: 5000 }), summary);
    expect(told).toEqual([]);
  });

  it('yields no slice before the original is archived, however long that takes, and names it on each', async () => {
    const open = await openWorkbench({ dir: join(dir, 'slow'), create: true });
    wb = open;
    let archivedAt = 0;
    const slow = {
      ...open,
      archive: Object.assign(Object.create(Object.getPrototypeOf(open.archive)), open.archive, {
        putFile: async (path: string) => {
          const hash = await open.archive.putFile(path);
          await new Promise((r) => setTimeout(r, 300));
          archivedAt = performance.now();
          return hash;
        },
      }),
    };
    const yieldedAt: number[] = [];
    const hashes = new Set<string | null>();
    for await (const chunk of gdeltEventFileChunks(SAMPLE, slow, { chunkRows: 40 })) {
      yieldedAt.push(performance.now());
      hashes.add(chunk.document.originalHash);
    }
    expect(yieldedAt).toHaveLength(39);
    expect(archivedAt).toBeGreaterThan(0);
    expect(Math.min(...yieldedAt)).toBeGreaterThanOrEqual(archivedAt);
    expect(hashes).toEqual(new Set([sampleHash]));
  });

  it('stores no slice when the original cannot be archived, and reports the file as failed with the reason', async () => {
    const open = await openWorkbench({ dir: join(dir, 'unarchived'), create: true });
    wb = open;
    const failing = {
      ...open,
      archive: Object.assign(Object.create(Object.getPrototypeOf(open.archive)), open.archive, {
        putFile: async (path: string) => {
          throw new Error(`${path}: no space left on the archive's disk`);
        },
      }),
    };
    const summary = emptyImportSummary();
    await importDatasetChunks(failing, SAMPLE, gdeltEventFileChunks(SAMPLE, failing, { chunkRows: 40 }), summary);
    expect(summary).toMatchObject({ read: 0, inserted: 0 });
    expect(summary.failedFiles).toEqual([
      { file: SAMPLE, reason: expect.stringMatching(/20180326044500\.export\.CSV: no space left/) },
    ]);
    expect((await open.store.listDocuments({}, { limit: 10 })).items).toHaveLength(0);
    expect((await open.store.listClaims({}, { limit: 10 })).items).toHaveLength(0);
  });
});
