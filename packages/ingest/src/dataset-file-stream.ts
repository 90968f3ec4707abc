import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidInputError } from '@parallax/core';
import type yauzlTypes from 'yauzl';

export interface StreamLimits {
  /** Most bytes a plain file, or one zip entry once expanded, may hold (default 4 GiB). */
  maxBytes?: number;
  /** Largest expansion ratio accepted for a zip entry bigger than 64 MiB (default 200). GDELT's own
   * zips expand about 5–10 times; a bomb expands thousands of times. */
  maxZipRatio?: number;
  /** Entries expanding to less than this are not ratio-checked (default 64 MiB): small files compress oddly. */
  ratioCheckAbove?: number;
}

export interface DatasetBytes {
  /** What messages call the input: the path, plus the entry inside a zip. */
  name: string;
  /** The raw bytes, read in 1 MiB pieces; never held whole. */
  bytes: AsyncIterable<Uint8Array>;
}

const DEFAULT_MAX = 4 * 2 ** 30;
const MiB = 2 ** 20;

/** Counts bytes as they pass and fails the stream, naming the input, once there are too many. */
async function* capped(
  source: AsyncIterable<Uint8Array> & { destroy?: () => void },
  name: string,
  max: number,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  try {
    for await (const chunk of source) {
      total += (chunk as Uint8Array).length;
      if (total > max) {
        throw new InvalidInputError(
          `${name}: more than ${Math.round(max / MiB)} MiB once read; refused (the limit protects the workspace; raise it with --max-bytes)`,
        );
      }
      yield chunk as Uint8Array;
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    const message = (error as Error).message;
    throw new InvalidInputError(`${name}: cannot be read to the end (${message})`);
  } finally {
    source.destroy?.();
  }
}

/** Pieces of a plain file read ahead at most (see `readAhead`). */
const READ_AHEAD = 4;

/**
 * A plain file in 1 MiB pieces read into a few buffers used in turn, instead of a fresh buffer per
 * piece: allocating and freeing a megabyte per piece made the allocator's heap grow with the file
 * (freed pieces raise glibc's mmap threshold, and later ones land in, and fragment, its heap). A
 * piece is overwritten `ring` pieces later, so a consumer must be done with it by then; with
 * `readAhead(…, READ_AHEAD)` in front, it may hold a piece until it asks for the next.
 */
async function* reusedBufferPieces(path: string, ring = READ_AHEAD + 3): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  const buffers: Buffer[] = [];
  try {
    for (let k = 0; ; k++) {
      let buffer = buffers[k % ring];
      if (!buffer) {
        buffer = Buffer.allocUnsafeSlow(MiB);
        buffers.push(buffer);
      }
      const { bytesRead } = await file.read(buffer, 0, MiB, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/**
 * Keeps `depth` pieces requested ahead of the consumer, so the next megabyte is being read while the
 * current one is parsed (on a busy machine a read that starts only when asked for stalls the parser).
 * Memory: `depth` pieces.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth = 4): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  try {
    for (;;) {
      while (queue.length < depth) {
        const next = it.next();
        // Handled where it is awaited; this keeps a failure of a piece read ahead from being unhandled.
        next.catch(() => {});
        queue.push(next);
      }
      const r = await (queue.shift() as Promise<IteratorResult<T>>);
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

/** Told by the file's first bytes (`PK\x03\x04`), so archived copies without an extension work too. */
function isZip(path: string): boolean {
  if (extname(path).toLowerCase() === '.zip') return true;
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a dataset file for streaming: plain text as it is, a `.zip` (as GDELT publishes its
 * files) through its single data entry. Sizes are checked before reading (the file's size, the zip
 * entry's declared size and ratio) and again while reading (an entry that expands past what it
 * declared, a zip bomb, fails as soon as it does).
 */
export async function openDatasetBytes(
  path: string,
  limits: StreamLimits & {
    label?: string;
    /**
     * Read a plain file into a few reused buffers: each piece is then valid only until the consumer
     * asks for the next one (a reader that copies what it keeps, as `readGdeltEvents` does).
     */
    reuseBuffers?: boolean;
  } = {},
): Promise<DatasetBytes> {
  const max = limits.maxBytes ?? DEFAULT_MAX;
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InvalidInputError(`${path}: is a folder, not a dataset file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(`${path}: no such file`);
  }
  if (!isZip(path)) {
    if (size > max) {
      throw new InvalidInputError(
        `${path}: ${Math.round(size / MiB)} MiB is over the ${Math.round(max / MiB)} MiB limit for one dataset file`,
      );
    }
    const pieces = limits.reuseBuffers ? reusedBufferPieces(path) : createReadStream(path, { highWaterMark: MiB });
    return { name: path, bytes: readAhead(capped(pieces, path, max), READ_AHEAD) };
  }
  // yauzl loads only when a zip arrives.
  const yauzl = (await import('yauzl')).default;
  const zip = await new Promise<yauzlTypes.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, z) =>
      err ? reject(new InvalidInputError(`${path}: not a readable zip archive (${err.message})`)) : resolve(z),
    ),
  );
  const entries: yauzlTypes.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzlTypes.Entry) => {
      if (!e.fileName.endsWith('/')) entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (err: Error) => reject(new InvalidInputError(`${path}: damaged zip archive (${err.message})`)));
    zip.readEntry();
  });
  if (entries.length !== 1) {
    zip.close();
    throw new InvalidInputError(
      `${path}: expected one data file inside the zip, found ${entries.length}${entries.length ? ` (${entries.map((e) => e.fileName).join(', ')})` : ''}`,
    );
  }
  const entry = entries[0] as yauzlTypes.Entry;
  const name = `${path}!${basename(entry.fileName)}`;
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > max) {
    zip.close();
    throw new InvalidInputError(
      `${name}: expands to ${Math.round(entry.uncompressedSize / MiB)} MiB, over the ${Math.round(max / MiB)} MiB limit`,
    );
  }
  if (entry.uncompressedSize > (limits.ratioCheckAbove ?? 64 * MiB) && ratio > (limits.maxZipRatio ?? 200)) {
    zip.close();
    throw new InvalidInputError(
      `${name}: expands ${Math.round(ratio)} times (${Math.round(entry.uncompressedSize / MiB)} MiB from ${Math.round(entry.compressedSize / 1024)} KiB); refused as a likely zip bomb`,
    );
  }
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) =>
      err ? reject(new InvalidInputError(`${name}: cannot be unpacked (${err.message})`)) : resolve(s),
    ),
  );
  stream.on('close', () => zip.close());
  return { name, bytes: readAhead(capped(stream, name, Math.min(max, entry.uncompressedSize + 1))) };
}
