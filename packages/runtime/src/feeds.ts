import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  emptyImportSummary,
  finishImport,
  type ImportSummary,
  type IngestFailure,
  type IngestSummary,
  importDatasetChunks,
  ingestDocuments,
  type ReadDocument,
} from '@parallax/app';
import { type Clock, type Extractor, InvalidInputError, type Store } from '@parallax/core';
import {
  type ContentArchive,
  type FeedItem,
  type FetchOptions,
  fetchUrl,
  GDELT_LAST_UPDATE,
  type ReadResult,
  readFeed,
  readHtmlDocument,
} from '@parallax/ingest';
import { gdeltEventFileChunks, importGdeltMentionFiles, resolveGdeltFileList } from './dataset-files.ts';
import { type FetchedDocument, fetchDocument } from './document-inputs.ts';
import { FetchState } from './fetch-state.ts';
import { JsonStateFile } from './json-state-file.ts';
import type { ReferenceData } from './reference-data.ts';

export const FEED_MEDIA_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
];

/** How many item ids a feed remembers as seen; old ones fall off (feeds carry their latest items). */
const SEEN_LIMIT = 5000;
/** Attempts at an item that keeps failing before it is given up (and reported). */
const MAX_ATTEMPTS = 3;

export interface FeedConfig {
  feeds: { url: string; added: string }[];
  /** Follow GDELT's 15-minute lastupdate.txt, importing each new events export (and mentions). */
  gdelt: { enabled: boolean; list: string; mentions: boolean } | null;
}

export interface FeedState {
  etag: string | null;
  lastModified: string | null;
  seen: string[];
  attempts: Record<string, number>;
  lastPolled: string | null;
  lastError: string | null;
}

export interface WatchState {
  feeds: Record<string, FeedState>;
  gdelt: { lastStamp: string | null; lastPolled: string | null; lastError: string | null };
}

export interface FeedDeps {
  dir: string;
  store: Store;
  clock: Clock;
  extractor: Extractor | null;
  archive: ContentArchive;
  reference: ReferenceData;
}

export function feedConfig(dir: string): JsonStateFile<FeedConfig> {
  return new JsonStateFile(join(dir, 'feeds.json'), () => ({ feeds: [], gdelt: null }));
}

export function watchState(dir: string): JsonStateFile<WatchState> {
  return new JsonStateFile(join(dir, 'state', 'watch.json'), () => ({
    feeds: {},
    gdelt: { lastStamp: null, lastPolled: null, lastError: null },
  }));
}

const emptyFeedState = (): FeedState => ({
  etag: null,
  lastModified: null,
  seen: [],
  attempts: {},
  lastPolled: null,
  lastError: null,
});

export interface FeedIngestSummary extends IngestSummary {
  feed: string;
  /** Items in the feed that were already ingested on an earlier poll. */
  alreadySeen: number;
  notModified: boolean;
}

/** A feed item's own HTML as a document, for items whose article cannot be fetched. */
function itemDocument(item: FeedItem, feedName: string, clock: Clock): ReadResult {
  const html = `<!doctype html><html><head><title>${escapeHtml(item.title ?? '')}</title>${
    item.url ? `<link rel="canonical" href="${escapeHtml(item.url)}">` : ''
  }</head><body><article><h1>${escapeHtml(item.title ?? '')}</h1>${item.contentHtml ?? ''}</article></body></html>`;
  return readHtmlDocument({
    name: `${feedName} item ${item.id}`,
    bytes: new TextEncoder().encode(html),
    retrieved: clock.now(),
    url: item.url,
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Ingests the new items of one feed (a URL or a local file): each item's article is fetched and
 * read (or, when it cannot be fetched, the item's own content), then everything goes through the
 * same de-duplication and syndication as any document. Seen items are remembered in the workspace,
 * so a second run ingests only what is new; a URL feed is re-fetched conditionally.
 */
export async function ingestFeed(
  deps: FeedDeps,
  ref: string,
  options: { allowPrivate?: boolean; fetch?: FetchOptions; state?: JsonStateFile<WatchState> } = {},
): Promise<FeedIngestSummary> {
  const state = options.state ?? watchState(deps.dir);
  const fs = state.value.feeds[ref] ?? emptyFeedState();
  state.value.feeds[ref] = fs;
  fs.lastPolled = deps.clock.now();
  const isUrl = /^https?:\/\//i.test(ref);
  let feedBytes: Uint8Array;
  let charset: string | null = null;
  let baseUrl: string | null = null;
  const base = (over: Partial<FeedIngestSummary>): FeedIngestSummary => ({
    feed: ref,
    read: 0,
    inserted: 0,
    duplicates: 0,
    syndicated: 0,
    unchanged: 0,
    failed: 0,
    failures: [],
    claims: 0,
    events: null,
    alreadySeen: 0,
    notModified: false,
    ...over,
  });
  try {
    if (isUrl) {
      const r = await fetchUrl(ref, {
        allowPrivate: options.allowPrivate,
        accept: FEED_MEDIA_TYPES,
        maxBytes: 20 * 2 ** 20,
        conditional: { etag: fs.etag, lastModified: fs.lastModified },
        ...options.fetch,
      });
      if (r.notModified) {
        fs.lastError = null;
        state.save();
        return base({ notModified: true });
      }
      fs.etag = r.etag;
      fs.lastModified = r.lastModified;
      feedBytes = r.bytes;
      charset = r.charset;
      baseUrl = r.url;
    } else {
      try {
        feedBytes = readFileSync(ref);
      } catch {
        throw new InvalidInputError(`${ref}: no such feed file`);
      }
    }
    const feed = readFeed(ref, feedBytes, charset, baseUrl);
    const seen = new Set(fs.seen);
    const fresh = feed.items.filter((i) => i.id && !seen.has(i.id));
    const fetchState = new FetchState(deps.dir);
    const documents: ReadDocument[] = [];
    const failures: IngestFailure[] = [];
    const readIds: string[] = [];
    for (const item of fresh) {
      let read: FetchedDocument | null = null;
      let reason: string | null = null;
      if (item.url) {
        try {
          read = await fetchDocument(
            item.url,
            { ...deps, fetchState },
            { allowPrivate: options.allowPrivate, fetch: options.fetch },
          );
        } catch (error) {
          reason = (error as Error).message;
        }
      }
      if (!read && item.contentHtml) {
        try {
          read = itemDocument(item, ref, deps.clock);
        } catch (error) {
          reason = `${reason ? `${reason}; ` : ''}${(error as Error).message}`;
        }
      }
      if (read && 'notModified' in read) {
        readIds.push(item.id);
        continue;
      }
      if (!read) {
        const attempts = (fs.attempts[item.id] ?? 0) + 1;
        fs.attempts[item.id] = attempts;
        if (attempts >= MAX_ATTEMPTS) readIds.push(item.id);
        failures.push({ input: item.url ?? item.id, reason: reason ?? 'the item has neither a link nor content' });
        continue;
      }
      const doc = read.document;
      documents.push({
        ...read,
        document: {
          ...doc,
          published: doc.published ?? item.published,
          author: doc.author ?? item.author,
        },
      });
      readIds.push(item.id);
    }
    fetchState.save();
    const summary = await ingestDocuments(deps, documents, { failures });
    for (const id of readIds) {
      seen.add(id);
      delete fs.attempts[id];
    }
    fs.seen = [...seen].slice(-SEEN_LIMIT);
    fs.lastError = null;
    state.save();
    return { ...summary, feed: ref, alreadySeen: feed.items.length - fresh.length, notModified: false };
  } catch (error) {
    fs.lastError = (error as Error).message;
    state.save();
    throw error;
  }
}

export interface WatchRound {
  feeds: (FeedIngestSummary | { feed: string; error: string })[];
  gdelt: ImportSummary | null;
}

/**
 * One polling round of `parallax watch`: every configured feed, then GDELT's latest files when
 * following it is enabled. A failing feed is recorded and the round goes on.
 */
export async function watchOnce(
  deps: FeedDeps,
  options: { allowPrivate?: boolean; fetch?: FetchOptions } = {},
): Promise<WatchRound> {
  const config = feedConfig(deps.dir).value;
  const state = watchState(deps.dir);
  const round: WatchRound = { feeds: [], gdelt: null };
  for (const f of config.feeds) {
    try {
      round.feeds.push(await ingestFeed(deps, f.url, { ...options, state }));
    } catch (error) {
      round.feeds.push({ feed: f.url, error: (error as Error).message });
    }
  }
  if (config.gdelt?.enabled) {
    const g = state.value.gdelt;
    g.lastPolled = deps.clock.now();
    try {
      const since = g.lastStamp ? String(BigInt(g.lastStamp) + 1n) : undefined;
      const files = await resolveGdeltFileList(deps, {
        list: config.gdelt.list,
        since,
        kinds: config.gdelt.mentions ? ['export', 'mentions'] : ['export'],
        allowPrivate: options.allowPrivate,
        fetchOptions: options.fetch,
      });
      const summary = emptyImportSummary();
      for (const f of files.filter((x) => !/\.mentions\./i.test(x.url))) {
        await importDatasetChunks(deps, f.url, gdeltEventFileChunks(f.path, deps, { url: f.url }), summary);
      }
      const mentions = files.filter((x) => /\.mentions\./i.test(x.url));
      if (mentions.length) await importGdeltMentionFiles(deps, mentions, { corroborate: false });
      await finishImport(deps, summary);
      const stamps = files.map((f) => /(\d{14})/.exec(f.url)?.[1]).filter((s): s is string => Boolean(s));
      if (stamps.length) g.lastStamp = stamps.sort().at(-1) ?? g.lastStamp;
      g.lastError = summary.failedFiles[0]?.reason ?? null;
      round.gdelt = summary;
    } catch (error) {
      g.lastError = (error as Error).message;
    }
    state.save();
  }
  return round;
}

export { GDELT_LAST_UPDATE };
