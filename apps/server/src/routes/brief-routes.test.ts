import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestDocuments } from '@parallax/app';
import { chromiumPath } from '@parallax/briefs';
import { openWorkbench, readDocumentFile, type Workbench } from '@parallax/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../http-server.ts';

let dir: string;
let workbench: Workbench;
let app: FastifyInstance;
let docId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-brief-api-'));
  workbench = await openWorkbench({ dir: join(dir, 'ws'), create: true });
  const file = join(dir, 'statement.md');
  writeFileSync(
    file,
    '---\ntitle: Ministry confirms harbour closure\npublisher: Example Ministry\nurl: https://ministry.example/s/1\npublished: 2025-03-01T10:00:00Z\n---\nThe ministry closed the northern harbour.\n',
  );
  const read = readDocumentFile(file, workbench.clock);
  docId = read.document.id;
  await ingestDocuments(workbench, [read]);
  app = await buildServer({ workbench });
});
afterAll(async () => {
  await app.close();
  await workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (url: string, payload: unknown) => {
  const res = await app.inject({ method: 'POST', url, payload: payload as object });
  return { status: res.statusCode, headers: res.headers, body: res.body, json: () => res.json() };
};

describe('brief API', () => {
  it('checks a draft and answers in the documented shape', async () => {
    const draft = [
      '# Harbour note',
      '',
      'The harbour closed.<sup>1</sup> Trade will likely recover, with high confidence.',
      '',
      '<sup>1</sup> "Ministry Confirms Harbour Closure," Example Ministry, March 1, 2025, https://ministry.example/s/ 1.',
      '<sup>2</sup> "Unused," Site, 2025.',
    ].join('\n');
    const res = await post('/api/briefs/check', { name: 'note.md', text: draft });
    expect(res.status).toBe(200);
    const report = res.json();
    // The workspace's default extractor checks the draft's claims.
    expect(report.factCheck.extractor).toBe(workbench.extractor?.name ?? null);
    expect(report.citations.map((f: { kind: string; line: number }) => [f.kind, f.line])).toEqual(
      expect.arrayContaining([
        ['broken-url', 5],
        ['unreferenced-note', 6],
        ['missing-entry', 5],
      ]),
    );
    expect(report.language.map((f: { kind: string }) => f.kind)).toContain('likelihood-and-confidence');
  });

  it('refuses a request with both or neither of text and base64', async () => {
    const res = await post('/api/briefs/check', { name: 'x.md' });
    expect(res.status).toBe(400);
    expect(res.json().message).toMatch(/exactly one of text or base64/);
    const pdf = await post('/api/briefs/check', { name: 'x.pdf', base64: Buffer.from('not a pdf').toString('base64') });
    expect(pdf.status).toBe(400);
    expect(pdf.json().message).toMatch(/x\.pdf: not a readable PDF/);
  });

  it('composes a brief from workspace documents and exports it', async () => {
    const markdown = `# Harbours\n\nThe northern harbour closed [@doc:${docId}].\n`;
    const res = await post('/api/briefs/compose', { markdown });
    expect(res.status).toBe(200);
    const c = res.json();
    expect(c.notes.map((n: { text: string }) => n.text)).toEqual([
      '“Ministry Confirms Harbour Closure,” Example Ministry, March 1, 2025, https://ministry.example/s/1.',
    ]);
    expect(c.markdown).toContain('The northern harbour closed.[^1]');
    expect(c.summary.singleSourceDependencies).toEqual([1]);
    const md = await post('/api/briefs/export', { markdown, format: 'md' });
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.body).toContain('## Bibliography');
    const docx = await post('/api/briefs/export', { markdown, format: 'docx' });
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    expect(docx.headers['content-disposition']).toBe('attachment; filename="harbours.docx"');
    const bad = await post('/api/briefs/compose', { markdown, style: '<html/>' });
    expect(bad.status).toBe(400);
  });

  it.skipIf(!chromiumPath())('exports PDF', async () => {
    const res = await post('/api/briefs/export', { markdown: `# H\n\nClosed [@doc:${docId}].\n`, format: 'pdf' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body.slice(0, 5)).toBe('%PDF-');
  });
});
