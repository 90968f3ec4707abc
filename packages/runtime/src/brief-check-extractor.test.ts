import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestDocuments, recorroborate } from '@parallax/app';
import { readDraft } from '@parallax/briefs';
import type { IsoDateTime } from '@parallax/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBriefDraft } from './brief-check.ts';
import { readDocumentFile } from './document-files.ts';
import { openWorkbench, type Workbench } from './workspace.ts';

// The same check as brief-check.test.ts, but with Parallax's own extractor reading both the
// workspace's documents and the draft, instead of hand-coded claims.
const DATA = fileURLToPath(new URL('../../../data/brief-check/documents/', import.meta.url));
const SEED = fileURLToPath(new URL('../../../../shared/seeds/000_4cede90a4ddf42e4.txt', import.meta.url));
const present = existsSync(SEED);
if (!present) console.warn(`skipping the extractor fact-check test: ${SEED} is absent (../shared not mounted)`);
const clock = { now: () => '2024-12-01T00:00:00.000Z' as IsoDateTime };

let dir: string;
let wb: Workbench;

beforeAll(async () => {
  if (!present) return;
  dir = mkdtempSync(join(tmpdir(), 'parallax-brief-extract-'));
  wb = await openWorkbench({ dir, create: true, clock });
  const read = readdirSync(DATA)
    .sort()
    .map((f) => readDocumentFile(join(DATA, f), clock));
  const extractor = wb.extractor;
  if (!extractor) throw new Error('the workbench has no extractor');
  await ingestDocuments(
    { store: wb.store, clock, extractor },
    read.map((r) => ({ document: r.document, source: r.source })),
  );
  await recorroborate(wb);
}, 120_000);
afterAll(async () => {
  await wb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!present)('brief check of the first-case brief with the real extractor', () => {
  it('flags the treaty signing the draft dates a day early', async () => {
    const draft = await readDraft({ name: 'seed.txt', bytes: readFileSync(SEED) });
    const report = await checkBriefDraft(wb, draft);
    const treaty = report.claims.find((c) => c.line === 11 && /signed a treaty/.test(c.text));
    expect(treaty?.verdict).toBe('contradicted');
    expect(treaty?.evidence?.conflicts.map((c) => c.summary)).toContain(
      "the draft dates it 2024-06-18; the workspace's sources date it 2024-06-19",
    );
    // Rutte's words on line 11 are borne out by the NATO statement in the workspace.
    expect(report.claims.some((c) => c.line === 11 && c.verdict === 'supported')).toBe(true);
    // Statements the brief places in Ukraine (a denunciation, an assessment of the deployment) are not
    // contradicted by sources that place the same words in Moscow or Pyongyang: only the treaty's date is.
    const contradicted = new Set(report.claims.filter((c) => c.verdict === 'contradicted').map((c) => c.line));
    expect([...contradicted]).toEqual([11]);
  });
});
