import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyImportSummary, importDatasetChunks } from '@parallax/app';
import { datasetClaimId } from '@parallax/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { gdeltEventFileChunks, importGdeltMentionFiles, resolveGdeltFileList } from './dataset-files.ts';
import { folderFiles, readDocumentInputs, readDocumentPath } from './document-inputs.ts';
import { feedConfig, ingestFeed, watchOnce } from './feeds.ts';
import { FetchState } from './fetch-state.ts';
import { openWorkbench, type Workbench } from './workspace.ts';

const REPO = new URL('../../../', import.meta.url).pathname;
const story = readFileSync(`${REPO}packages/ingest/test/fixtures/wire-story.html`, 'utf8');
let dir: string;
let wb: Workbench;
const servers: http.Server[] = [];

async function serve(routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>) {
  const server = http.createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-ingest-'));
});
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
  await wb?.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fresh = async (name: string) => {
  wb = await openWorkbench({ dir: join(dir, name), create: true });
  return wb;
};

describe('document inputs', () => {
  it('walks folders with include and exclude globs, skipping hidden files', () => {
    const root = join(dir, 'docs');
    for (const f of ['a.md', 'b/c.html', 'b/draft.md', 'b/deep/d.md', 'x.bin', 'notes.txt', '.git/e.md']) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), 'x');
    }
    const rel = (files: string[]) => files.map((f) => f.slice(root.length + 1)).sort();
    expect(rel(folderFiles(root))).toEqual(['a.md', 'b/c.html', 'b/deep/d.md', 'b/draft.md', 'notes.txt']);
    expect(rel(folderFiles(root, { include: ['**/*.{md,html}'], exclude: ['b/draft*', 'deep/'] }))).toEqual([
      'a.md',
      'b/c.html',
    ]);
    expect(rel(folderFiles(root, { include: ['*.md'] }))).toEqual(['a.md', 'b/deep/d.md', 'b/draft.md']);
  });

  it('refuses a 2 GB file by its size without reading it, and names bad URL-list lines', async () => {
    const w = await fresh('caps');
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 2 * 2 ** 30);
    await expect(readDocumentPath(huge, w)).rejects.toThrow(
      /huge\.txt: 2048 MB is over the 50 MB limit for one document/,
    );
    const list = join(dir, 'urls.txt');
    writeFileSync(list, '# sources\nhttps://a.example.test/1\n\nnot a url\n');
    const read = await readDocumentInputs({ urlLists: [list] }, { ...w, fetchState: new FetchState(w.dir) });
    expect(read.failures).toEqual([{ input: list, reason: `${list}:4: 'not a url' is not an http(s) URL` }]);
  });
});

describe('feeds and watch', () => {
  it('ingests new feed items once, links wire copies to their original, and falls back to item content', async () => {
    const w = await fresh('feeds');
    const copy = story
      .replace('<link rel="canonical" href="/world/border-crossing-reopens?utm=none">', '')
      .replace(
        'https://www.northern-ledger.test/world/border-crossing-reopens',
        'https://portal.example.test/news/crossing',
      )
      .replace(/Northern Ledger/g, 'Example Portal')
      .replace(
        'Traders in the border town welcomed the reopening but warned that the backlog could take several days to clear.',
        '',
      )
      .replace('"datePublished":"2024-03-05T08:15:00+02:00"', '"datePublished":"2024-03-05T11:00:00+02:00"');
    let feedHits = 0;
    const base = await serve({
      '/original': (_q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(story),
      '/copy': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end(copy),
      '/feed.xml': (req, res) => {
        feedHits++;
        if (req.headers['if-none-match'] === '"f1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f1"' });
        res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Portal</title><link>${base}/</link>
<item><guid>1</guid><title>Original</title><link>${base}/original</link></item>
<item><guid>2</guid><title>Copy</title><link>${base}/copy</link></item>
<item><guid>3</guid><title>Gone</title><link>${base}/gone</link><description>${'&lt;p&gt;The statement was read out on state television in the evening, officials said, and repeated on the radio the next morning. '.repeat(3)}&lt;/p&gt;</description></item>
<item><guid>4</guid><title>Empty</title></item>
</channel></rss>`);
      },
    });
    const first = await ingestFeed(w, `${base}/feed.xml`, { allowPrivate: true });
    expect(first).toMatchObject({ inserted: 3, syndicated: 1, failed: 1, alreadySeen: 0 });
    expect(first.failures[0]?.reason).toMatch(/neither a link nor content/);
    const docs = (await w.store.listDocuments({}, { limit: 10 })).items;
    // The original's relative canonical link resolves against where it was fetched from.
    const original = docs.find((d) => d.url === `${base}/world/border-crossing-reopens?utm=none`);
    const copied = docs.find((d) => d.url === 'https://portal.example.test/news/crossing');
    expect(copied?.syndicatedFrom).toBe(original?.id);
    const portal = await w.store.getSource(copied?.sourceId as never);
    expect(portal?.syndicates).toContain(original?.sourceId);
    // Refused without --allow-private: the feed is on loopback.
    await expect(ingestFeed(w, `${base}/feed.xml`)).rejects.toThrow(/refused: 127\.0\.0\.1/);
    // The second poll is conditional: the server answers 304 and nothing is re-read.
    const second = await ingestFeed(w, `${base}/feed.xml`, { allowPrivate: true });
    expect(second).toMatchObject({ notModified: true, inserted: 0 });
    expect(feedHits).toBe(2);
    const config = feedConfig(w.dir);
    config.value.feeds.push({ url: `${base}/feed.xml`, added: '2024-01-01T00:00:00.000Z' });
    config.save();
    const round = await watchOnce(w, { allowPrivate: true });
    expect(round.feeds[0]).toMatchObject({ feed: `${base}/feed.xml`, notModified: true });
  });
});

function zipped(name: string, text: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const parts: Buffer[] = [];
  return new Promise((resolve) =>
    zip.outputStream.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts))),
  );
}

describe('GDELT import', () => {
  it('fetches the files a master list names for --since/--until, imports them idempotently and attaches mentions', async () => {
    const w = await fresh('gdelt');
    const rows = readFileSync(`${REPO}data/gdelt/samples/20180326044500.export.CSV`, 'utf8').trim().split('\n');
    const first = rows.slice(0, 800).join('\n');
    const second = rows.slice(800).join('\n');
    const ev0 = rows[0]?.split('\t') as string[];
    const mentions = [
      [
        ev0[0],
        '20180326044500',
        '20180326050000',
        '1',
        'other.example.test',
        'https://other.example.test/report',
        '1',
        '-1',
        '-1',
        '-1',
        '1',
        '50',
        '1000',
        '0',
        '',
        '',
      ],
      [
        ev0[0],
        '20180326044500',
        '20180326050000',
        '1',
        'same',
        ev0[60],
        '1',
        '-1',
        '-1',
        '-1',
        '1',
        '50',
        '1000',
        '0',
        '',
        '',
      ],
      [
        '1',
        '20180326044500',
        '20180326050000',
        '1',
        'x',
        'https://x.example.test/',
        '1',
        '-1',
        '-1',
        '-1',
        '1',
        '50',
        '1000',
        '0',
        '',
        '',
      ],
    ]
      .map((r) => r.join('\t'))
      .join('\n');
    const files: Record<string, Buffer> = {
      '/gdeltv2/20180326044500.export.CSV.zip': await zipped('20180326044500.export.CSV', first),
      '/gdeltv2/20180326050000.export.CSV.zip': await zipped('20180326050000.export.CSV', second),
      '/gdeltv2/20180326050000.mentions.CSV.zip': await zipped('20180326050000.mentions.CSV', mentions),
      '/gdeltv2/20180327000000.export.CSV.zip': await zipped('20180327000000.export.CSV', rows[0] as string),
    };
    let base = '';
    const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
    const routes: Record<string, (q: http.IncomingMessage, s: http.ServerResponse) => void> = {
      '/gdeltv2/masterfilelist.txt': (_q, s) =>
        s.end(
          Object.entries(files)
            .map(([p, b]) => `${b.length} ${md5(b)} ${base}${p}`)
            .join('\n'),
        ),
    };
    for (const [p, b] of Object.entries(files))
      routes[p] = (_q, s) => s.writeHead(200, { 'content-type': 'application/zip' }).end(b);
    base = await serve(routes);
    const fetched = await resolveGdeltFileList(w, {
      list: `${base}/gdeltv2/masterfilelist.txt`,
      since: '2018-03-26',
      until: '2018-03-27',
      kinds: ['export', 'mentions'],
      allowPrivate: true,
    });
    expect(fetched.map((f) => f.url.split('/').pop())).toEqual([
      '20180326044500.export.CSV.zip',
      '20180326050000.export.CSV.zip',
      '20180326050000.mentions.CSV.zip',
    ]);
    const run = async () => {
      const summary = emptyImportSummary();
      for (const f of fetched.filter((x) => x.url.includes('.export.'))) {
        await importDatasetChunks(w, f.url, gdeltEventFileChunks(f.path, w, { url: f.url, chunkRows: 300 }), summary);
      }
      return summary;
    };
    expect(await run()).toMatchObject({ read: 1540, inserted: 1540, duplicates: 0, failed: 0 });
    expect(await run()).toMatchObject({ read: 1540, inserted: 0, duplicates: 1540 });
    const m = await importGdeltMentionFiles(
      w,
      fetched.filter((x) => x.url.includes('.mentions.')),
      { corroborate: true },
    );
    expect(m).toMatchObject({ read: 3, inserted: 1, duplicates: 1, unmatched: 1 });
    const event = await w.store.getClaim(datasetClaimId('gdelt-events', Number(ev0[0])));
    const attached = (await w.store.listClaims({}, { limit: 5000 })).items.filter(
      (c) => c.extractor === 'gdelt-2.0-mentions',
    );
    expect(attached).toHaveLength(1);
    expect(attached[0]?.frame).toEqual(event?.frame);
    expect(attached[0]?.dataset?.url).toBe('https://other.example.test/report');
    const events = await w.store.eventIdsForClaims([attached[0]?.id as never, event?.id as never]);
    expect(events).toHaveLength(1);
    const detail = await w.store.getEvent(events[0] as never);
    expect(detail?.origins.length).toBeGreaterThanOrEqual(2);
    // `parallax watch` following lastupdate.txt imports only files newer than the last one it saw.
    const last = files['/gdeltv2/20180327000000.export.CSV.zip'] as Buffer;
    routes['/gdeltv2/lastupdate.txt'] = (_q, s) =>
      s.end(`${last.length} ${md5(last)} ${base}/gdeltv2/20180327000000.export.CSV.zip\n`);
    const config = feedConfig(w.dir);
    config.value.gdelt = { enabled: true, list: `${base}/gdeltv2/lastupdate.txt`, mentions: false };
    config.save();
    const round = await watchOnce(w, { allowPrivate: true });
    expect(round.gdelt).toMatchObject({ files: 1, read: 1, duplicates: 1 });
    const again = await watchOnce(w, { allowPrivate: true });
    expect(again.gdelt).toMatchObject({ files: 0, read: 0 });
    // A download that does not match the list is refused, naming it.
    files['/gdeltv2/20180326044500.export.CSV.zip'] = Buffer.from('tampered');
    await expect(
      resolveGdeltFileList(w, {
        list: `${base}/gdeltv2/masterfilelist.txt`,
        since: '20180326044500',
        until: '20180326044501',
        kinds: ['export'],
        allowPrivate: true,
      }),
    ).rejects.toThrow(/20180326044500\.export\.CSV\.zip: download does not match the file list/);
  });
});
