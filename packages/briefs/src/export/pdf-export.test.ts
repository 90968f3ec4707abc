import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintCitations } from '../citations/lint-citations.ts';
import { composeBrief } from '../compose/compose-brief.ts';
import { readDraft } from '../draft/read-draft.ts';
import { BRIEF, library } from '../test-fixtures/harbour-brief.ts';
import { briefHtml } from './brief-html.ts';
import { chromiumPath, exportPdf } from './pdf-export.ts';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const chromium = chromiumPath();
const poppler = has('pdftotext') && has('pdftoppm');
if (!chromium) console.warn('skipping the PDF export tests: no Chromium (apt-get install chromium)');
if (!poppler) console.warn('skipping the PDF export tests: no pdftotext/pdftoppm (apt-get install poppler-utils)');

let dir: string;
let pdf: Buffer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-pdf-'));
  if (chromium && poppler) {
    const composed = composeBrief(BRIEF, library);
    pdf = await exportPdf(briefHtml(composed, 'print'));
    writeFileSync(join(dir, 'brief.pdf'), pdf);
  }
}, 60_000);
afterAll(() => {
  // PARALLAX_KEEP_PDF=1 keeps the PDF and page images to look at.
  if (!process.env.PARALLAX_KEEP_PDF) rmSync(dir, { recursive: true, force: true });
  else console.log(`PDF export output kept in ${dir}`);
});

const text = (first: number, last: number) =>
  spawnSync('pdftotext', ['-layout', '-f', String(first), '-l', String(last), join(dir, 'brief.pdf'), '-'], {
    encoding: 'utf8',
  }).stdout;

describe.skipIf(!chromium || !poppler)('PDF export (Chromium + Paged.js)', () => {
  it('sets footnotes at the bottom of the page their markers are on, with page numbers', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const page1 = text(1, 1);
    const lines = page1.split('\n').map((l) => l.trim());
    const body = lines.findIndex((l) => l.startsWith('Two harbours closed on 1 March.'));
    const note1 = lines.findIndex((l) => l.startsWith('1. Ana Lopes and Ben Ode,'));
    const folio = lines.findIndex((l) => /^1 ?\/ ?\d+$/.test(l));
    expect(body).toBeGreaterThan(0);
    // the note sits below the body text and above the page number: a page-bottom footnote
    expect(note1).toBeGreaterThan(body);
    expect(folio).toBeGreaterThan(note1);
    expect(page1).toContain('4. Lopes and Ode, “Two Harbours Closed”; Ministry of Ports, “Notice to Mariners');
  });

  it('starts the bibliography on a new page and ends with the source summary', () => {
    const all = text(1, 99).replace(/\s+/g, ' ');
    expect(text(1, 1)).not.toContain('Bibliography');
    expect(all).toMatch(/Bibliography\s+Lopes, Ana, and Ben Ode\./);
    expect(all).toContain('Source summary');
    expect(all).toContain('2 statements rest on a single source (#1, #2)');
  });

  it('renders a page that can be looked at', () => {
    const out = join(dir, 'page');
    const r = spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', join(dir, 'brief.pdf'), out]);
    expect(r.status).toBe(0);
    const png = [`${out}-1.png`, `${out}-01.png`].find((p) => existsSync(p));
    expect(png).toBeDefined();
    const bytes = readFileSync(png as string);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png as string).size).toBeGreaterThan(10_000);
  });

  it('reads its own PDF back as a draft: page-bottom notes are notes again', async () => {
    const draft = await readDraft({ name: 'brief.pdf', bytes: pdf });
    expect(draft.format).toBe('pdf');
    expect(draft.notes.map((n) => n.label)).toEqual(['1', '2', '3', '4']);
    expect(draft.noteReferences.map((r) => r.label)).toEqual(['1', '2', '3', '4']);
    expect(draft.bibliography.length).toBe(3);
    const findings = lintCitations(draft);
    expect(findings.filter((f) => f.kind === 'unreferenced-note' || f.kind === 'missing-entry')).toEqual([]);
    expect(findings.find((f) => f.kind === 'broken-url')).toBeUndefined();
  });
});
