import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type DatasetChunkRead,
  importGdeltMentions,
  type MentionChunkRead,
  type MentionImportSummary,
} from '@parallax/app';
import { type Clock, InvalidInputError, type Store } from '@parallax/core';
import {
  type ContentArchive,
  decodeUtf8Text,
  type FetchOptions,
  fetchUrl,
  GDELT_MASTER_LIST,
  type GdeltFileKind,
  type GdeltRowFilter,
  gdeltSource,
  gdeltStampTime,
  openDatasetBytes,
  parseGdeltFileList,
  readGdeltEvents,
  readGdeltMentions,
  readUcdpGed,
  type StreamLimits,
  selectGdeltFiles,
  toGdeltStamp,
} from '@parallax/ingest';
import type { ReferenceData } from './reference-data.ts';

export interface DatasetReadOptions extends StreamLimits {
  filter?: GdeltRowFilter;
  chunkRows?: number;
  /** Where the file was downloaded from, when it was. */
  url?: string | null;
  /** Keep a copy of the original in the workspace archive (default true). */
  archive?: boolean;
}

/** The 14-digit stamp GDELT puts in its file names, as the time the file was published. */
function publishedFromName(path: string) {
  const stamp = /(\d{14})/.exec(basename(path))?.[1];
  return stamp ? gdeltStampTime(stamp) : null;
}

/** Slices read ahead while the original is being archived, at most (~2 MB of rows each). */
const SLICES_AHEAD_OF_ARCHIVE = 16;

/**
 * A GDELT 2.0 events export file (raw `.CSV` or GDELT's `.zip`) as a stream of slices ready to
 * append. Every slice names the archived original, so none is yielded before the original is
 * archived; meanwhile (hashing hundreds of MB takes a while, on a thread of its own) the first
 * slices are read and held, a bounded number. An original that cannot be archived yields nothing.
 */
export async function* gdeltEventFileChunks(
  path: string,
  deps: {
    reference: ReferenceData;
    clock: Clock;
    archive: ContentArchive;
    store?: Pick<Store, 'expectDatasetAppends'>;
  },
  options: DatasetReadOptions = {},
): AsyncGenerator<DatasetChunkRead> {
  // readGdeltEvents copies the rows it keeps, so the file's pieces can be read into reused buffers.
  const input = await openDatasetBytes(path, { ...options, reuseBuffers: true });
  let archived: string | null | undefined = options.archive === false ? null : undefined;
  const archiving = archived === null ? Promise.resolve(null) : deps.archive.putFile(path);
  archiving.then(
    (hash) => {
      archived = hash;
    },
    // Thrown where it is awaited, below.
    () => {},
  );
  const held: DatasetChunkRead[] = [];
  let read = 0;
  for await (const chunk of readGdeltEvents(
    input.bytes,
    {
      name: options.url ?? input.name,
      url: options.url ?? null,
      retrieved: deps.clock.now(),
      originalHash: null,
      published: publishedFromName(options.url ?? path),
    },
    deps.reference.gdeltContext(),
    { filter: options.filter, chunkRows: options.chunkRows },
  )) {
    held.push(chunk);
    // A second slice means a file of more than one: let the store get ready while more are read.
    if (++read === 2) deps.store?.expectDatasetAppends?.();
    if (archived === undefined && held.length < SLICES_AHEAD_OF_ARCHIVE) continue;
    const originalHash = await archiving;
    for (const c of held.splice(0)) {
      c.document.originalHash = originalHash;
      yield c;
    }
  }
  const originalHash = await archiving;
  for (const c of held.splice(0)) {
    c.document.originalHash = originalHash;
    yield c;
  }
}

/** A GDELT 2.0 mentions file as slices of mention rows. */
export async function* gdeltMentionFileChunks(
  path: string,
  deps: { clock: Clock; archive: ContentArchive },
  options: DatasetReadOptions = {},
): AsyncGenerator<MentionChunkRead> {
  const input = await openDatasetBytes(path, options);
  const originalHash = options.archive === false ? null : await deps.archive.putFile(path);
  yield* readGdeltMentions(
    input.bytes,
    {
      name: options.url ?? input.name,
      url: options.url ?? null,
      retrieved: deps.clock.now(),
      originalHash,
      published: publishedFromName(options.url ?? path),
    },
    { chunkRows: options.chunkRows },
  );
}

/** Imports GDELT mentions files, attaching each mention to its stored event. */
export function importGdeltMentionFiles(
  wb: { store: Store; clock: Clock; archive: ContentArchive },
  files: { path: string; url?: string | null }[],
  options: DatasetReadOptions & { corroborate?: boolean; onProgress?: (s: MentionImportSummary) => void } = {},
): Promise<MentionImportSummary> {
  return importGdeltMentions(
    wb,
    files.map((f) => ({
      path: f.url ?? f.path,
      chunks: () => gdeltMentionFileChunks(f.path, wb, { ...options, url: f.url ?? null }),
    })),
    { corroborate: options.corroborate, source: gdeltSource(), onProgress: options.onProgress },
  );
}

/** A UCDP GED CSV file as slices ready to append. */
export async function* ucdpFileChunks(
  path: string,
  deps: { reference: ReferenceData; clock: Clock; archive: ContentArchive },
  options: DatasetReadOptions = {},
): AsyncGenerator<DatasetChunkRead> {
  const input = await openDatasetBytes(path, options);
  const originalHash = options.archive === false ? null : await deps.archive.putFile(path);
  yield* readUcdpGed(
    input.bytes,
    { name: input.name, url: options.url ?? null, retrieved: deps.clock.now(), originalHash },
    { codebook: deps.reference.codebook, locator: deps.reference.locator },
    { chunkRows: options.chunkRows },
  );
}

/**
 * Fetches the GDELT files a file list names for [since, until) into the workspace archive, checking
 * each against the size and MD5 the list gives. The list is a URL (GDELT's masterfilelist.txt by
 * default; lastupdate.txt for the latest 15 minutes) or a local file.
 */
export async function resolveGdeltFileList(
  wb: { archive: ContentArchive },
  options: {
    list?: string;
    since?: string;
    until?: string;
    kinds: GdeltFileKind[];
    allowPrivate?: boolean;
    maxBytes?: number;
    onFile?: (url: string) => void;
    fetchOptions?: FetchOptions;
  },
): Promise<{ path: string; url: string }[]> {
  const list = options.list ?? GDELT_MASTER_LIST;
  const text = /^https?:\/\//.test(list)
    ? decodeUtf8Text(
        list,
        (
          await fetchUrl(list, {
            allowPrivate: options.allowPrivate,
            maxBytes: 200 * 2 ** 20,
            timeoutMs: 120_000,
            ...options.fetchOptions,
          })
        ).bytes,
      )
    : readListFile(list);
  const since = options.since ? toGdeltStamp(options.since, '--since') : undefined;
  const until = options.until ? toGdeltStamp(options.until, '--until') : undefined;
  const files = selectGdeltFiles(parseGdeltFileList(text, list), { since, until, kinds: options.kinds });
  const out: { path: string; url: string }[] = [];
  for (const f of files) {
    const fetched = await fetchUrl(f.url, {
      allowPrivate: options.allowPrivate,
      maxBytes: options.maxBytes ?? 1024 * 2 ** 20,
      timeoutMs: 300_000,
      ...options.fetchOptions,
    });
    const md5 = createHash('md5').update(fetched.bytes).digest('hex');
    if (fetched.bytes.length !== f.size || md5 !== f.md5) {
      throw new InvalidInputError(
        `${f.url}: download does not match the file list (${fetched.bytes.length} bytes, MD5 ${md5}; expected ${f.size} bytes, MD5 ${f.md5})`,
      );
    }
    const hash = wb.archive.putBytes(fetched.bytes);
    out.push({ path: wb.archive.pathOf(hash), url: f.url });
    options.onFile?.(f.url);
  }
  return out;
}

function readListFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InvalidInputError(`${path}: no such file list`);
  }
}
