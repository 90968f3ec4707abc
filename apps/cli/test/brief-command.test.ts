import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/parallax.js', import.meta.url));
const SEED = fileURLToPath(new URL('../../../../shared/seeds/000_4cede90a4ddf42e4.txt', import.meta.url));
const KINDS = [
  'duplicate-entry',
  'broken-url',
  'mismatch',
  'access-date',
  'unreferenced-note',
  'missing-entry',
  'title-url-mismatch',
  'order',
  'missing-field',
];
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
  dir = mkdtempSync(join(tmpdir(), 'parallax-brief-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parallax brief check', () => {
  it.skipIf(!existsSync(SEED))('prints the documented JSON for the first-case brief and exits 1 on errors', () => {
    const r = parallax('brief', 'check', SEED, '--json', '--html', 'report.html');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['claims', 'citations', 'language']));
    expect(report.claims).toEqual([]);
    expect(report.factCheck.note).toMatch(/no workspace/);
    for (const f of report.citations) {
      expect(KINDS).toContain(f.kind);
      expect(f).toMatchObject({
        line: expect.any(Number),
        message: expect.any(String),
        suggestion: expect.any(String),
      });
    }
    expect(new Set(report.citations.map((f: { kind: string }) => f.kind))).toEqual(
      new Set(KINDS.filter((k) => k !== 'missing-entry')),
    );
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('unreferenced-note');
    expect(html).not.toContain('<script');
  });

  it('reads HTML drafts and reports lines of the HTML source', () => {
    writeFileSync(
      join(dir, 'draft.html'),
      [
        '<!doctype html><html><body>',
        '<h1>Port closures</h1>',
        '<p>The port closed on 1 March.<sup>1</sup> It is likely to reopen soon.</p>',
        '<section class="footnotes"><ol>',
        '<li>Ana Lopes, "Port Closed," Coastal Times, March 1, 2025, https://coastal.example/port-</li>',
        '<li>Unused, "Never Cited," Site, May 2, 2025.</li>',
        '</ol></section>',
        '</body></html>',
      ].join('\n'),
    );
    const r = parallax('brief', 'check', 'draft.html', '--json');
    const report = JSON.parse(r.stdout);
    expect(report.draft.format).toBe('html');
    expect(report.citations.find((f: { kind: string }) => f.kind === 'unreferenced-note')).toMatchObject({
      source: '6',
    });
    expect(report.language.find((f: { kind: string }) => f.kind === 'no-basis')).toBeUndefined();
  });

  it('exports a brief composed from workspace documents', () => {
    const docs = fileURLToPath(new URL('../../../data/brief-check/documents/', import.meta.url));
    const ws = join(dir, 'ws');
    expect(
      parallax('-w', ws, 'ingest', join(docs, '01-kremlin-treaty-signed.md'), join(docs, '03-nato-rutte-kursk.md'))
        .code,
    ).toBe(0);
    const listed = JSON.parse(parallax('-w', ws, 'documents', '--json').stdout);
    const ids = (Array.isArray(listed) ? listed : listed.items).map((d: { id: string }) => d.id);
    writeFileSync(
      join(dir, 'brief.md'),
      `# Note\n\nThe treaty was signed [@doc:${ids[0]}]. Units moved [@doc:${ids[1]}; @doc:doc_00000000000000000000].\n`,
    );
    const r = parallax('-w', ws, 'brief', 'export', 'brief.md', '-o', 'brief.out.md');
    expect(r.stderr).toBe('parallax: brief.md:3: @doc:doc_00000000000000000000: no such document in the workspace\n');
    expect(r.code).toBe(1);
    const md = readFileSync(join(dir, 'brief.out.md'), 'utf8');
    expect(md).toContain('The treaty was signed.[^1] Units moved.[^2]');
    expect(md).toContain('## Bibliography');
    expect(md).toContain('## Source summary');
    writeFileSync(join(dir, 'bad.csl'), '<html></html>');
    expect(parallax('-w', ws, 'brief', 'export', 'brief.md', '-o', 'x.md', '--style', 'bad.csl').stderr).toMatch(
      /bad\.csl: not a CSL style/,
    );
    expect(parallax('-w', ws, 'brief', 'export', 'brief.md', '-o', 'x.odt').stderr).toMatch(
      /--to: expected md, html, pdf or docx/,
    );
  });

  it('prints the fact check as text: the contradicted line, the conflict, the quotes behind it', () => {
    const ws = join(dir, 'ws');
    writeFileSync(
      join(dir, 'dated.md'),
      '# Note\n\nMoscow and Pyongyang signed the partnership treaty on June 18, 2024.\n',
    );
    const r = parallax('-w', ws, 'brief', 'check', 'dated.md');
    expect(r.stdout).toMatch(/dated\.md:3 {2}CONTRADICTED {2}Moscow and Pyongyang signed the partnership treaty/);
    expect(r.stdout).toContain("date: the draft dates it 2024-06-18; the workspace's sources date it 2024-06-19");
    expect(r.stdout).toMatch(/\n {8}“[^”]+” — .*President of Russia/);
    expect(r.stdout).toMatch(/\d+ supported, [1-9]\d* contradicted, \d+ unverified claims;/);
  });

  it('names the file and the problem for bad input', () => {
    expect(parallax('brief', 'check', 'missing.md')).toMatchObject({
      code: 1,
      stderr: 'parallax: missing.md: no such file\n',
    });
    writeFileSync(join(dir, 'draft.docx'), 'PK');
    expect(parallax('brief', 'check', 'draft.docx').stderr).toMatch(/draft\.docx: not a readable DOCX file/);
    writeFileSync(join(dir, 'bad.md'), Buffer.from([0xff, 0xfe, 0x00]));
    expect(parallax('brief', 'check', 'bad.md').stderr).toMatch(/bad\.md: not valid UTF-8/);
  });
});
