import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { IngestFailure, ReadDocument } from '@parallax/app';
import { type Clock, InvalidInputError } from '@parallax/core';
import {
  type ContentArchive,
  decodeText,
  type FetchOptions,
  fetchUrl,
  type ReadResult,
  readHtmlDocument,
  readPdfDocument,
  readTextDocument,
} from '@parallax/ingest';
import type { FetchState } from './fetch-state.ts';
import { globToRegExp, matchesAny } from './path-globs.ts';

export const DOCUMENT_EXTENSIONS: Record<string, string> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'text/html',
  '.pdf': 'application/pdf',
};

/** Media types a fetched URL may have to be read as a document. */
export const DOCUMENT_MEDIA_TYPES = [
  'text/html',
  'application/xhtml+xml',
  'application/pdf',
  'text/plain',
  'text/markdown',
];

/** Files larger than this are refused before they are read (a document is read whole). */
export const MAX_DOCUMENT_BYTES = 50 * 2 ** 20;

export interface DocumentReadDeps {
  clock: Clock;
  archive: ContentArchive;
}

export interface InputOptions {
  include?: string[];
  exclude?: string[];
  maxBytes?: number;
  allowPrivate?: boolean;
  fetch?: FetchOptions;
}

/** Reads raw bytes as a document of the given media type, archiving the original first. */
export async function readDocumentBytes(
  name: string,
  bytes: Uint8Array,
  mediaType: string,
  deps: DocumentReadDeps,
  extra: { url?: string | null; charset?: string | null } = {},
): Promise<ReadResult> {
  const input = { name, bytes, retrieved: deps.clock.now(), url: extra.url ?? null };
  let result: ReadResult;
  if (mediaType === 'application/pdf') result = await readPdfDocument(input);
  else if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml')
    result = readHtmlDocument({ ...input, charset: extra.charset ?? null });
  else if (mediaType === 'text/plain' || mediaType === 'text/markdown') {
    // Declared encodings (an HTTP charset) are honoured; files without one must be UTF-8.
    const text = decodeText(name, bytes, extra.charset ?? null).text;
    result = readTextDocument({ ...input, bytes: new TextEncoder().encode(text) }, mediaType);
  } else throw new InvalidInputError(`${name}: cannot read '${mediaType}' as a document`);
  const originalHash = deps.archive.putBytes(bytes);
  deps.archive.putText(originalHash, result.document.text);
  return { ...result, document: { ...result.document, originalHash } };
}

function sniffMediaType(path: string): string | null {
  const byExt = DOCUMENT_EXTENSIONS[extname(path).toLowerCase()];
  if (byExt) return byExt;
  const head = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  const n = readSync(fd, head, 0, 512, 0);
  closeSync(fd);
  const start = head.subarray(0, n).toString('latin1');
  if (start.startsWith('%PDF-')) return 'application/pdf';
  if (/^\s*(<!doctype html|<html)/i.test(start)) return 'text/html';
  return null;
}

/** Reads one document file, refusing folders, unknown types and files over the size cap. */
export async function readDocumentPath(
  path: string,
  deps: DocumentReadDeps,
  options: { maxBytes?: number } = {},
): Promise<ReadResult> {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InvalidInputError(`${path}: is a folder, not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(`${path}: no such file`);
  }
  const max = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (size > max) {
    throw new InvalidInputError(
      `${path}: ${Math.round(size / 2 ** 20)} MB is over the ${Math.round(max / 2 ** 20)} MB limit for one document`,
    );
  }
  const mediaType = sniffMediaType(path);
  if (!mediaType) {
    throw new InvalidInputError(
      `${path}: unsupported file type '${extname(path) || '(none)'}' (supported: ${Object.keys(DOCUMENT_EXTENSIONS).join(', ')})`,
    );
  }
  return readDocumentBytes(path, readFileSync(path), mediaType, deps);
}

/**
 * Files under a folder, recursively, filtered by include/exclude globs relative to the folder.
 * Hidden files and folders (`.git`) are skipped; without --include, every supported type is taken.
 */
export function folderFiles(dir: string, options: InputOptions = {}): string[] {
  const include = (options.include ?? []).map(globToRegExp);
  const exclude = (options.exclude ?? []).map(globToRegExp);
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(current, entry.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!matchesAny(`${rel}/`, exclude)) walk(full);
        continue;
      }
      if (!entry.isFile()) continue;
      if (matchesAny(rel, exclude)) continue;
      if (include.length ? !matchesAny(rel, include) : !DOCUMENT_EXTENSIONS[extname(entry.name).toLowerCase()])
        continue;
      out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** URLs listed in a file, one per line; blank lines and `#` comments are skipped. */
export function urlListFile(path: string): string[] {
  let text: string;
  try {
    text = decodeText(path, readFileSync(path)).text;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(`${path}: no such URL list`);
  }
  const urls: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (!/^https?:\/\/\S+$/i.test(line))
      throw new InvalidInputError(`${path}:${i + 1}: '${line}' is not an http(s) URL`);
    urls.push(line);
  });
  return urls;
}

export type FetchedDocument = ReadResult | { notModified: true; url: string };

/**
 * Fetches a URL and reads it as a document, sending back the ETag/Last-Modified of the last fetch
 * so an unchanged page costs a 304 and nothing is re-read. Validators are kept in the workspace.
 */
export async function fetchDocument(
  url: string,
  deps: DocumentReadDeps & { fetchState: FetchState },
  options: InputOptions = {},
): Promise<FetchedDocument> {
  const previous = deps.fetchState.get(url);
  const result = await fetchUrl(url, {
    allowPrivate: options.allowPrivate,
    maxBytes: options.maxBytes ?? MAX_DOCUMENT_BYTES,
    accept: DOCUMENT_MEDIA_TYPES,
    conditional: previous ?? undefined,
    ...options.fetch,
  });
  if (result.notModified) return { notModified: true, url };
  const read = await readDocumentBytes(url, result.bytes, result.mediaType ?? 'text/html', deps, {
    url: result.url,
    charset: result.charset,
  });
  deps.fetchState.set(url, { etag: result.etag, lastModified: result.lastModified, fetched: deps.clock.now() });
  return read;
}

/**
 * Reads every input (files, folders, URLs, URL-list files given as `@list.txt` or --urls): the
 * documents read, the inputs that failed with their reasons, and the URLs that had not changed.
 */
export async function readDocumentInputs(
  inputs: { paths?: string[]; urls?: string[]; urlLists?: string[] },
  deps: DocumentReadDeps & { fetchState: FetchState },
  options: InputOptions & { onRead?: (done: number, total: number) => void } = {},
): Promise<{ documents: ReadDocument[]; failures: IngestFailure[]; unchanged: string[] }> {
  const documents: ReadDocument[] = [];
  const failures: IngestFailure[] = [];
  const unchanged: string[] = [];
  const files: string[] = [];
  const urls = [...(inputs.urls ?? [])];
  for (const p of inputs.paths ?? []) {
    if (/^https?:\/\//i.test(p)) urls.push(p);
    else if (p.startsWith('@')) inputs.urlLists = [...(inputs.urlLists ?? []), p.slice(1)];
    else {
      let isDir = false;
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        // Reported below as "no such file".
      }
      if (isDir) files.push(...folderFiles(p, options));
      else files.push(p);
    }
  }
  for (const list of inputs.urlLists ?? []) {
    try {
      urls.push(...urlListFile(list));
    } catch (error) {
      failures.push({ input: list, reason: (error as Error).message });
    }
  }
  const total = files.length + urls.length;
  let done = 0;
  for (const file of files) {
    try {
      documents.push(await readDocumentPath(file, deps, options));
    } catch (error) {
      failures.push({ input: file, reason: (error as Error).message });
    }
    options.onRead?.(++done, total);
  }
  for (const url of urls) {
    try {
      const r = await fetchDocument(url, deps, options);
      if ('notModified' in r) unchanged.push(url);
      else documents.push(r);
    } catch (error) {
      failures.push({ input: url, reason: (error as Error).message });
    }
    options.onRead?.(++done, total);
  }
  deps.fetchState.save();
  return { documents, failures, unchanged };
}
