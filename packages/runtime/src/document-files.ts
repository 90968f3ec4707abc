import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { type Clock, InvalidInputError } from '@parallax/core';
import {
  decodeUtf8Text,
  type GdeltReadResult,
  type ReadResult,
  readGdeltExport,
  readHtmlDocument,
  readTextDocument,
} from '@parallax/ingest';
import { MAX_DOCUMENT_BYTES } from './document-inputs.ts';
import type { ReferenceData } from './reference-data.ts';

const TEXT_TYPES: Record<string, 'text/plain' | 'text/markdown'> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
};

/**
 * Reads one text, Markdown or HTML file by its extension, synchronously and without archiving (the
 * demo and tests). `readDocumentPath` reads every type, PDF included, and archives the original.
 */
export function readDocumentFile(path: string, clock: Clock): ReadResult {
  const isHtml = /^\.x?html?$/i.test(extname(path));
  const type = TEXT_TYPES[extname(path).toLowerCase()];
  if (!type && !isHtml) {
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
  const input = { name: path, bytes: readFileSync(path), retrieved: clock.now() };
  return type ? readTextDocument(input, type) : readHtmlDocument(input);
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
