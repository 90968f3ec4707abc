import { DATASET_TABLE_INT_COLUMNS, type DatasetClaimTable, InvalidInputError } from '@parallax/core';

/**
 * How a dataset slice's claims are stored: one `dataset_segments` row per slice instead of a row (and
 * three index entries) per claim. Two blobs:
 *
 * - `records`: the record numbers as little-endian float64, in row order. Read alone to tell which
 *   records of a new slice are already stored.
 * - `body`: format version (u32 = 1), row count (u32), length of a UTF-8 JSON header (u32), the
 *   header (label, extractor and the shared actors, codings, days and places), zero padding to a
 *   multiple of 4, then the nine int32 columns of `DATASET_TABLE_INT_COLUMNS`, each `count` long.
 *
 * A reader meeting a format it does not know refuses the workspace with a clear error rather than
 * misreading claims.
 */
export const SEGMENT_FORMAT = 1;

interface SegmentHeader {
  label: string;
  extractor: string;
  actors: DatasetClaimTable['actors'];
  codingValues: DatasetClaimTable['codingValues'];
  timeValues: DatasetClaimTable['timeValues'];
  placeValues: DatasetClaimTable['placeValues'];
}

/**
 * JSON of shared values already written: readers hand the same object for the same value slice after
 * slice (and the writer thread restores them so, shared-values.ts), and values are never modified, so
 * each is serialised once per import instead of once per segment.
 */
const valueJson = new WeakMap<object, string>();

function listJson(values: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let json = typeof v === 'object' && v !== null ? valueJson.get(v) : undefined;
    if (json === undefined) {
      // As JSON.stringify writes an array's element (undefined and functions become null).
      json = JSON.stringify(v) ?? 'null';
      if (typeof v === 'object' && v !== null) valueJson.set(v, json);
    }
    out += i === 0 ? json : `,${json}`;
  }
  return `${out}]`;
}

/** `JSON.stringify` of the segment's header, byte for byte, from the values' cached JSON. */
export function segmentHeaderJson(table: DatasetClaimTable): string {
  return (
    `{"label":${JSON.stringify(table.label)},"extractor":${JSON.stringify(table.extractor)},` +
    `"actors":${listJson(table.actors)},"codingValues":${listJson(table.codingValues)},` +
    `"timeValues":${listJson(table.timeValues)},"placeValues":${listJson(table.placeValues)}}`
  );
}

export function encodeSegment(table: DatasetClaimTable): { records: Buffer; body: Buffer } {
  const n = table.length;
  const records = Buffer.from(table.records.buffer, table.records.byteOffset, n * 8);
  const json = Buffer.from(segmentHeaderJson(table), 'utf8');
  const headerEnd = 12 + json.length;
  const columnsAt = (headerEnd + 3) & ~3;
  const body = Buffer.alloc(columnsAt + DATASET_TABLE_INT_COLUMNS.length * n * 4);
  body.writeUInt32LE(SEGMENT_FORMAT, 0);
  body.writeUInt32LE(n, 4);
  body.writeUInt32LE(json.length, 8);
  json.copy(body, 12);
  let at = columnsAt;
  for (const column of DATASET_TABLE_INT_COLUMNS) {
    const c = table[column];
    body.set(new Uint8Array(c.buffer, c.byteOffset, n * 4), at);
    at += n * 4;
  }
  return { records: Buffer.from(records), body };
}

/** The record numbers of a stored segment. */
export function decodeSegmentRecords(records: Uint8Array): Float64Array {
  // Copied: SQLite's buffer need not be 8-byte aligned.
  const out = new Float64Array(records.byteLength / 8);
  new Uint8Array(out.buffer).set(records);
  return out;
}

export function decodeSegment(
  dataset: DatasetClaimTable['dataset'],
  records: Uint8Array,
  body: Uint8Array,
  where: string,
): DatasetClaimTable {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const format = view.getUint32(0, true);
  if (format !== SEGMENT_FORMAT) {
    throw new InvalidInputError(
      `${where}: dataset claims stored in segment format ${format}; this version reads format ${SEGMENT_FORMAT}`,
    );
  }
  const n = view.getUint32(4, true);
  const jsonLength = view.getUint32(8, true);
  const header = JSON.parse(
    Buffer.from(body.buffer, body.byteOffset + 12, jsonLength).toString('utf8'),
  ) as SegmentHeader;
  const columnsAt = (12 + jsonLength + 3) & ~3;
  const ints = new Int32Array(DATASET_TABLE_INT_COLUMNS.length * n);
  new Uint8Array(ints.buffer).set(body.subarray(columnsAt, columnsAt + ints.byteLength));
  const column = (k: number) => ints.subarray(k * n, (k + 1) * n);
  return {
    dataset,
    label: header.label,
    extractor: header.extractor,
    length: n,
    records: decodeSegmentRecords(records),
    starts: column(0),
    ends: column(1),
    urlStarts: column(2),
    urlEnds: column(3),
    firstActors: column(4),
    secondActors: column(5),
    codings: column(6),
    times: column(7),
    places: column(8),
    actors: header.actors,
    codingValues: header.codingValues,
    timeValues: header.timeValues,
    placeValues: header.placeValues,
  };
}
