import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/parallax.js', import.meta.url));
const GDELT = fileURLToPath(new URL('../../../data/gdelt/samples/20180326044500.export.CSV', import.meta.url));
let dir: string;
let ws: string;

function parallax(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PARALLAX_WORKSPACE: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-cli-'));
  ws = join(dir, 'ws');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parallax CLI', () => {
  it('lists its commands', () => {
    const help = parallax('--help');
    expect(help.code).toBe(0);
    for (const command of [
      'init',
      'ingest',
      'extract',
      'documents',
      'events',
      'claims',
      'sources',
      'search',
      'serve',
      'demo',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('creates a workspace, imports GDELT idempotently and prints events in the documented shape', () => {
    expect(parallax('init', ws)).toMatchObject({ code: 0, stdout: `created workspace ${ws}\n` });
    const first = parallax('-w', ws, 'import', 'gdelt', GDELT, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ read: 1540, inserted: 1540, duplicates: 0, failed: 0 });
    const again = JSON.parse(parallax('-w', ws, 'import', 'gdelt', GDELT, '--json').stdout);
    expect(again).toMatchObject({ read: 1540, inserted: 0, duplicates: 1540, failed: 0 });

    const events = JSON.parse(parallax('-w', ws, 'events', '--json', '--limit', '5', '--country', 'USA').stdout);
    expect(events).toHaveLength(5);
    for (const e of events) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining([
          'id',
          'plover',
          'cameo',
          'actors',
          'place',
          'time',
          'credibility',
          'status',
          'origins',
          'claimCount',
        ]),
      );
      expect(e.place).toMatchObject({ country: 'USA' });
      expect(Object.keys(e.place).sort()).toEqual(['admin1', 'country', 'id', 'lat', 'lon', 'name']);
      expect(e.time).toMatchObject({ start: expect.any(String), end: expect.any(String), precision: 'day' });
      for (const a of e.actors) expect(Object.keys(a).sort()).toEqual(['code', 'id', 'name', 'role']);
    }
    const claims = JSON.parse(parallax('-w', ws, 'claims', '--event', events[0].id, '--json').stdout);
    expect(claims.length).toBe(events[0].claimCount);
    expect(claims[0]).toMatchObject({
      documentId: expect.stringMatching(/^doc_/),
      quote: expect.any(String),
      start: expect.any(Number),
      end: expect.any(Number),
      speaker: null,
      stance: 'asserts',
    });
    const text = readFileSync(GDELT, 'utf8');
    expect(text.slice(claims[0].start, claims[0].end)).toBe(claims[0].quote);
  });

  it('ingests Markdown with front matter and finds it again', () => {
    const note = join(dir, 'statement.md');
    writeFileSync(
      note,
      '---\ntitle: Border statement\npublisher: Example Ministry\nurl: https://ministry.example/b\npublished: 2024-10-20T08:00:00Z\n---\nThe ministry said the border crossing stayed closed.\n',
    );
    const out = parallax('-w', ws, 'ingest', note, '--json');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ read: 1, inserted: 1, duplicates: 0, failed: 0 });
    const docs = JSON.parse(parallax('-w', ws, 'documents', '--json').stdout);
    expect(docs.find((d: { title: string }) => d.title === 'Border statement')).toMatchObject({
      url: 'https://ministry.example/b',
      publisher: 'Example Ministry',
      published: '2024-10-20T08:00:00.000Z',
      syndicatedFrom: null,
    });
    expect(parallax('-w', ws, 'search', 'border', 'crossing').stdout).toMatch(/Border statement/);
  });

  // Spawns six CLI processes and re-weighs the whole sample once: slow on a busy machine.
  it('explains events and re-weighs them on discrediting and retraction, saying which changed', {
    timeout: 180_000,
  }, () => {
    const [event] = JSON.parse(parallax('-w', ws, 'events', '--json', '--limit', '1').stdout);
    expect(event.rationale).toMatch(/Credibility \d \(/);
    for (const o of event.origins)
      expect(o).toMatchObject({ lineage: expect.any(String), reliability: expect.any(String) });

    const discredit = parallax('-w', ws, 'sources', 'discredit', 'gdeltproject.org', '--why', 'Test: coding errors');
    expect(discredit.code).toBe(0);
    expect(discredit.stdout).toMatch(/GDELT Project: discredited — Test: coding errors\n\d+ events changed/);
    const after = JSON.parse(parallax('-w', ws, 'events', 'show', event.id, '--json').stdout);
    expect(after.joins[0].because).toMatch(/^leads the event/);
    expect(after.event).toMatchObject({ credibility: 6 });
    expect(after.event.rationale).toMatch(
      /Excluded: \d+ claims?, source GDELT Project discredited \(Test: coding errors\)/,
    );

    const docs = JSON.parse(parallax('-w', ws, 'documents', '--json').stdout);
    const retract = parallax('-w', ws, 'documents', 'retract', docs[0].id, '--why', 'Withdrawn', '--json');
    expect(retract.code).toBe(0);
    expect(JSON.parse(retract.stdout).document.retracted).toMatchObject({ reason: 'Withdrawn' });
    expect(parallax('-w', ws, 'documents', 'retract', 'doc_00000000000000000000', '--why', 'x').stderr).toMatch(
      /document doc_0+: not found/,
    );
  });

  it('grades sources one by one or from a file, all or nothing, and filters events by status', () => {
    const one = parallax('-w', ws, 'sources', 'grade', 'ministry.example', 'c', '--why', 'Official, often late');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Example Ministry: C — Official, often late\n/);

    const file = join(dir, 'grades.json');
    writeFileSync(
      file,
      JSON.stringify([
        { source: 'Example Ministry', grade: 'B', why: 'Checked against later events' },
        { source: 'gdeltproject.org', grade: 'D', why: 'Machine-coded' },
      ]),
    );
    const many = parallax('-w', ws, 'sources', 'grade', '--file', file, '--json');
    expect(many.code).toBe(0);
    expect(JSON.parse(many.stdout).sources.map((s: { reliability: string }) => s.reliability)).toEqual(['B', 'D']);

    // One bad entry: a clear line naming the file and the entry, and no grade changes.
    writeFileSync(
      file,
      JSON.stringify([
        { source: 'Example Ministry', grade: 'A', why: 'x' },
        { source: 'nowhere.example', grade: 'B', why: 'y' },
      ]),
    );
    const bad = parallax('-w', ws, 'sources', 'grade', '--file', file);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/grades\.json entry 2 \(nowhere\.example\): source 'nowhere\.example': not found/);
    const sources = JSON.parse(parallax('-w', ws, 'sources', '--json').stdout) as {
      name: string;
      reliability: string;
    }[];
    expect(sources.find((s) => s.name === 'Example Ministry')?.reliability).toBe('B');
    writeFileSync(file, '{"source": 1}');
    expect(parallax('-w', ws, 'sources', 'grade', '--file', file).stderr).toMatch(/grades\.json: /);

    const all = JSON.parse(parallax('-w', ws, 'events', '--json', '--limit', '500').stdout) as {
      status: string;
      contradictions: unknown[];
      rationale: string;
    }[];
    for (const e of all) expect(e).toMatchObject({ contradictions: expect.any(Array), rationale: expect.any(String) });
    const status = all[0]?.status ?? 'reported';
    const filtered = JSON.parse(
      parallax('-w', ws, 'events', '--json', '--limit', '500', '--status', status).stdout,
    ) as { status: string }[];
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((e) => e.status === status)).toBe(true);
    expect(parallax('-w', ws, 'events', '--status', 'rumoured').stderr).toMatch(/status/);
  });

  it('keeps a title and a default view in the workspace, refusing a view the API would refuse', () => {
    const set = parallax(
      '-w',
      ws,
      'settings',
      '--title',
      'Border watch',
      '--view',
      'from=2024-06-01&type=ASSAULT',
      '--json',
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ title: 'Border watch', view: 'from=2024-06-01&type=ASSAULT' });
    const bad = parallax('-w', ws, 'settings', '--view', 'from=2024-13-45');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/view 'from=2024-13-45': .*from/);
    expect(parallax('-w', ws, 'settings', '--view', 'typ=ASSAULT').stderr).toMatch(/typ/);
    expect(JSON.parse(parallax('-w', ws, 'settings', '--json').stdout)).toEqual({
      title: 'Border watch',
      view: 'from=2024-06-01&type=ASSAULT',
    });
    expect(JSON.parse(parallax('-w', ws, 'settings', '--view', '', '--json').stdout).view).toBeNull();
  });

  it('extracts the claims of one document without storing anything', () => {
    const note = join(dir, 'nis.md');
    writeFileSync(
      note,
      "---\ntitle: NIS briefing\npublisher: Yonhap\nurl: https://en.yna.co.kr/nis\npublished: 2024-10-19T09:00:00Z\n---\nSouth Korea's spy agency said on Friday that about 1,500 North Korean special forces troops had been shipped to Vladivostok.\n",
    );
    const out = parallax('extract', note, '--json');
    expect(out.code).toBe(0);
    const { claims } = JSON.parse(out.stdout);
    expect(claims).toHaveLength(1);
    expect(Object.keys(claims[0])).toEqual([
      'quote',
      'start',
      'end',
      'speaker',
      'stance',
      'negated',
      'hypothetical',
      'cameo',
      'plover',
      'actors',
      'place',
      'time',
      'quantities',
    ]);
    expect(claims[0]).toMatchObject({
      speaker: { code: 'KORSPY' },
      stance: 'asserts',
      plover: { type: 'MOBILIZE', mode: 'troops' },
      place: { name: 'Vladivostok', admin1: 'RU-PRI', country: 'RUS' },
      time: { start: '2024-10-18', end: '2024-10-18', precision: 'day' },
      quantities: [{ value: 1500, unit: 'troops' }],
    });
    expect(claims[0].actors).toContainEqual(expect.objectContaining({ code: 'PRKMIL', role: 'source' }));
    expect(parallax('extract', join(dir, 'missing.md')).stderr).toMatch(/missing\.md/);
  });

  // `npm start` ends in `parallax demo`: build the demo workspace with the real pipeline, then serve it.
  it('builds and serves the demo workspace, then stops cleanly on SIGTERM', { timeout: 240_000 }, async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, [BIN, '-w', join(dir, 'demo'), 'demo', '--port', String(port), '--no-open'], {
      cwd: dir,
      env: { ...process.env, PARALLAX_WORKSPACE: '' },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => out, { timeout: 200_000, interval: 250 }).toMatch(/Parallax workbench: http:/);
      expect(out).toMatch(/building the demo workspace .*\n {2}\d+ documents, \d+ claims .* \d+ events/s);
      const info = (await (await fetch(`http://127.0.0.1:${port}/api/info`)).json()) as {
        store: { counts: { documents: number; events: number } };
      };
      expect(info.store.counts.documents).toBeGreaterThan(20);
      expect(info.store.counts.events).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('answers bad input with one clear line and a non-zero exit code', () => {
    const missing = parallax('-w', ws, 'ingest', join(dir, 'nope.md'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`${join(dir, 'nope.md')}: no such file`);
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, '%PDF-1.4');
    expect(parallax('-w', ws, 'ingest', pdf).stderr).toMatch(/report\.pdf: damaged or truncated PDF/);
    const filter = parallax('-w', ws, 'events', '--min-credibility', '9');
    expect(filter.code).toBe(1);
    expect(filter.stderr.trim()).toBe('parallax: --min-credibility: expected a credibility grade from 1 to 6');
    expect(parallax('-w', ws, 'events', '--nonsense').code).not.toBe(0);
    expect(parallax('-w', join(dir, 'absent'), 'events').stderr).toMatch(/no Parallax workspace here/);
    expect(parallax('-w', ws, 'claims', '--event', 'evt_00000000000000000000').stderr).toMatch(
      /--event evt_0+: no such event/,
    );
  });

  it('refuses a damaged or foreign workspace file without touching it', () => {
    const bad = join(dir, 'bad');
    expect(parallax('init', bad).code).toBe(0);
    writeFileSync(join(bad, 'parallax.db'), 'this is not a database');
    const r = parallax('-w', bad, 'events');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `parallax: ${join(bad, 'parallax.db')}: not a Parallax workspace (the file is not an SQLite database)`,
    );
    expect(readFileSync(join(bad, 'parallax.db'), 'utf8')).toBe('this is not a database');
    expect(r.stderr).not.toMatch(/\bat \w+ \(/);
  });
});
