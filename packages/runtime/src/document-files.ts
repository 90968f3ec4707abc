import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { type Clock, InvalidInputError } from '@parallax/core';
import {
  decodeUtf8Text,
  type GdeltReadResult,
  type ReadResult,
  readGdeltExport,
  readTextDocument,
} from '@parallax/ingest';
import type { ReferenceData } from './reference-data.ts';

const TEXT_TYPES: Record<string, 'text/plain' | 'text/markdown'> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
};

/** Files larger than this are refused rather than read into memory whole. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** Reads one document file by its extension, with errors that name the file. */
export function readDocumentFile(path: string, clock: Clock): ReadResult {
  const type = TEXT_TYPES[extname(path).toLowerCase()];
  if (!type) {
    throw new InvalidInputError(
      `${path}: unsupported file type '${extname(path) || '(none)'}' (supported: ${Object.keys(TEXT_TYPES).join(', ')})`,
    );
  }
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InvalidInputError(`${path}: is a folder, not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(`${path}: no such file`);
  }
  if (size > MAX_DOCUMENT_BYTES) {
    throw new InvalidInputError(
      `${path}: ${Math.round(size / 2 ** 20)} MB is over the ${MAX_DOCUMENT_BYTES / 2 ** 20} MB limit for one document`,
    );
  }
  return readTextDocument({ name: path, bytes: readFileSync(path), retrieved: clock.now() }, type);
}

/** Reads a GDELT 2.0 events export file; rows that cannot be read are reported, not fatal. */
export function readGdeltExportFile(path: string, reference: ReferenceData, clock: Clock): GdeltReadResult {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new InvalidInputError(`${path}: no such file`);
  }
  if (stat.isDirectory()) throw new InvalidInputError(`${path}: is a folder, not a GDELT export file`);
  if (stat.size > MAX_DOCUMENT_BYTES * 10) {
    throw new InvalidInputError(`${path}: ${Math.round(stat.size / 2 ** 20)} MB is over the limit for one export file`);
  }
  const text = decodeUtf8Text(path, readFileSync(path));
  return readGdeltExport(text, { name: basename(path), retrieved: clock.now() }, reference.gdeltContext());
}
