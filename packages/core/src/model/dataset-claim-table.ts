import type { Claim, EventFrame, FrameActor, PlaceRef } from './claim.ts';
import { datasetClaimId, type NumberedDataset } from './dataset-record.ts';
import type { Document } from './document.ts';
import { IntegrityError } from './errors.ts';
import type { TimeSpan } from './time.ts';

/** The coding a dataset row carries: CAMEO code, PLOVER type, quad class and Goldstein score. */
export type DatasetCoding = Pick<EventFrame, 'cameo' | 'plover' | 'quadClass' | 'goldstein'>;

/**
 * The claims of one dataset slice in columns: one row per claim, each cell a number, and the values
 * rows share (actors, codings, days, places) listed once and named by index. It describes exactly
 * the claims `datasetTableClaim` builds; readers of millions of rows write it instead of a Claim
 * object per row, and stores may keep it as it is.
 *
 * Every row is a claim of the common dataset shape: the document asserts it in its own voice (no
 * speaker, stance `asserts`, neither negated nor hypothetical), it states no quantities, and it
 * quotes the document text at [start, end). Index columns hold -1 for "none".
 */
export interface DatasetClaimTable {
  /** Claim i's id is `datasetClaimId(dataset, records[i])`. */
  dataset: NumberedDataset;
  /** `Claim.dataset.dataset` of every row (`gdelt`). */
  label: string;
  /** `Claim.extractor` of every row. */
  extractor: string;
  length: number;
  /** Record numbers (whole, below 2^53); `Claim.dataset.recordId` is the decimal form. */
  records: Float64Array;
  starts: Int32Array;
  ends: Int32Array;
  /** The record's URL as a span of its quote (offsets from `start`); -1: no URL. */
  urlStarts: Int32Array;
  urlEnds: Int32Array;
  /** The frame's first and second actor (in that order in `frame.actors`), into `actors`. */
  firstActors: Int32Array;
  secondActors: Int32Array;
  /** Into `codings`; every row has one. */
  codings: Int32Array;
  /** Into `times`. */
  times: Int32Array;
  /** Into `places`. */
  places: Int32Array;
  actors: FrameActor[];
  codingValues: DatasetCoding[];
  timeValues: TimeSpan[];
  placeValues: PlaceRef[];
}

/** The Int32 columns, in the order stores lay them out. */
export const DATASET_TABLE_INT_COLUMNS = [
  'starts',
  'ends',
  'urlStarts',
  'urlEnds',
  'firstActors',
  'secondActors',
  'codings',
  'times',
  'places',
] as const;
export type DatasetTableIntColumn = (typeof DATASET_TABLE_INT_COLUMNS)[number];

/** Claim `i` of a table; `quote` is the document text at the row's span (the reference meaning). */
export function datasetTableClaim(
  table: DatasetClaimTable,
  documentId: Document['id'],
  i: number,
  quote: string,
): Claim {
  const record = table.records[i] as number;
  const start = table.starts[i] as number;
  const a1 = table.firstActors[i] as number;
  const a2 = table.secondActors[i] as number;
  const actors: FrameActor[] = [];
  if (a1 >= 0) actors.push({ ...(table.actors[a1] as FrameActor) });
  if (a2 >= 0) actors.push({ ...(table.actors[a2] as FrameActor) });
  const coding = table.codingValues[table.codings[i] as number] as DatasetCoding;
  const t = table.times[i] as number;
  const p = table.places[i] as number;
  const urlStart = table.urlStarts[i] as number;
  return {
    id: datasetClaimId(table.dataset, record),
    documentId,
    start,
    end: table.ends[i] as number,
    quote,
    speaker: null,
    stance: 'asserts',
    negated: false,
    hypothetical: false,
    frame: {
      actors,
      cameo: coding.cameo,
      plover: coding.plover ? { ...coding.plover } : null,
      quadClass: coding.quadClass,
      goldstein: coding.goldstein,
      place: p >= 0 ? { ...(table.placeValues[p] as PlaceRef) } : null,
      time: t >= 0 ? { ...(table.timeValues[t] as TimeSpan) } : null,
      quantities: [],
    },
    extractor: table.extractor,
    dataset: {
      dataset: table.label,
      recordId: String(record),
      url: urlStart >= 0 ? quote.slice(urlStart, table.urlEnds[i] as number) : null,
    },
  };
}

/** Every claim of a table over its document, in row order. */
export function datasetTableClaims(table: DatasetClaimTable, document: Pick<Document, 'id' | 'text'>): Claim[] {
  const out: Claim[] = new Array(table.length);
  for (let i = 0; i < table.length; i++) {
    out[i] = datasetTableClaim(
      table,
      document.id,
      i,
      document.text.slice(table.starts[i] as number, table.ends[i] as number),
    );
  }
  return out;
}

/**
 * Checks a table against its document: spans inside the text, URL spans inside their quotes, every
 * index in range, record numbers whole. Throws IntegrityError naming the first bad row.
 */
export function checkDatasetTable(
  table: DatasetClaimTable,
  // Only the text's length: a store holding the text as bytes (`DocumentUtf8`) passes that instead.
  document: { id: Document['id']; text: { length: number } },
): void {
  const n = table.length;
  for (const column of DATASET_TABLE_INT_COLUMNS) {
    if (table[column].length < n) throw new IntegrityError(`dataset table: column ${column} is shorter than ${n}`);
  }
  if (table.records.length < n) throw new IntegrityError(`dataset table: column records is shorter than ${n}`);
  const length = document.text.length;
  const bad = (i: number, what: string) =>
    new IntegrityError(`dataset table row ${i} (record ${table.records[i]}) of document ${document.id}: ${what}`);
  const inRange = (v: number, list: unknown[], optional: boolean) =>
    (optional && v === -1) || (v >= 0 && v < list.length);
  for (let i = 0; i < n; i++) {
    const record = table.records[i] as number;
    if (!Number.isSafeInteger(record) || record < 0) throw bad(i, 'record number is not a whole number in range');
    const start = table.starts[i] as number;
    const end = table.ends[i] as number;
    if (start < 0 || end < start || end > length)
      throw bad(i, `span ${start}–${end} lies outside the document (length ${length})`);
    const us = table.urlStarts[i] as number;
    const ue = table.urlEnds[i] as number;
    if (us !== -1 && (us < 0 || ue < us || ue > end - start)) throw bad(i, 'URL span lies outside the quote');
    if (
      !inRange(table.firstActors[i] as number, table.actors, true) ||
      !inRange(table.secondActors[i] as number, table.actors, true) ||
      !inRange(table.codings[i] as number, table.codingValues, false) ||
      !inRange(table.times[i] as number, table.timeValues, true) ||
      !inRange(table.places[i] as number, table.placeValues, true)
    )
      throw bad(i, 'an actor, coding, time or place index is out of range');
  }
}

/** Bytes a table's columns take per row: the float64 record number and the nine int32 columns. */
export const DATASET_TABLE_ROW_BYTES = 8 + 4 * DATASET_TABLE_INT_COLUMNS.length;

/**
 * Builds a DatasetClaimTable row by row, growing its columns as needed. Shared values are listed
 * once per table: pass the same object again and it gets the same index (found through `slot`, a
 * per-object memo the caller keeps, so no hashing per row).
 *
 * A builder can be reused (`reset`) and can build into memory the caller gives (`storage`): its
 * columns then lie at the start of that buffer, `capacity` rows each (`DATASET_TABLE_ROW_BYTES` per
 * row), and the table it builds is views of them rather than copies. A reader of millions of rows
 * then fills the same few buffers slice after slice (pooled, handed back once a slice is stored)
 * instead of allocating ten fresh columns per slice.
 */
export class DatasetClaimTableBuilder {
  length = 0;
  private capacity: number;
  private records: Float64Array;
  private ints: Record<DatasetTableIntColumn, Int32Array>;
  /** Columns are views of caller-given storage (built tables are views too), until they outgrow it. */
  private inStorage = false;
  actors: FrameActor[] = [];
  codingValues: DatasetCoding[] = [];
  timeValues: TimeSpan[] = [];
  placeValues: PlaceRef[] = [];
  /** Which table this is, so a memo `{table, index}` from an earlier table is known to be stale. */
  generation: number;
  private static generations = 0;

  constructor(
    readonly dataset: NumberedDataset,
    readonly label: string,
    readonly extractor: string,
    capacity = 1024,
    storage?: ArrayBufferLike,
  ) {
    this.capacity = capacity;
    this.records = new Float64Array(0);
    this.ints = {} as Record<DatasetTableIntColumn, Int32Array>;
    this.generation = 0;
    this.reset(storage);
  }

  /** Bytes of storage a table of `capacity` rows needs for its columns. */
  static storageBytes(capacity: number): number {
    return capacity * DATASET_TABLE_ROW_BYTES;
  }

  /**
   * Starts a new, empty table: in `storage` when given (at least `storageBytes(capacity)` bytes; the
   * previous table, already built, keeps its own memory), else in fresh columns.
   */
  reset(storage?: ArrayBufferLike): void {
    this.length = 0;
    // Fresh lists: a table built before holds the old ones.
    this.actors = [];
    this.codingValues = [];
    this.timeValues = [];
    this.placeValues = [];
    this.generation = ++DatasetClaimTableBuilder.generations;
    if (storage) this.bind(storage);
    else {
      this.inStorage = false;
      this.records = new Float64Array(this.capacity);
      this.ints = Object.fromEntries(
        DATASET_TABLE_INT_COLUMNS.map((c) => [c, new Int32Array(this.capacity)]),
      ) as Record<DatasetTableIntColumn, Int32Array>;
    }
  }

  /**
   * Carries on in `storage`, whose first `storageBytes(capacity)` bytes the caller has made a copy of
   * the current storage's (the rows so far): a buffer that had to grow for other contents.
   */
  moveTo(storage: ArrayBufferLike): void {
    if (this.inStorage) this.bind(storage);
  }

  private bind(storage: ArrayBufferLike): void {
    const n = this.capacity;
    if (storage.byteLength < DatasetClaimTableBuilder.storageBytes(n)) {
      throw new RangeError(`table storage of ${storage.byteLength} bytes is too small for ${n} rows`);
    }
    this.inStorage = true;
    this.records = new Float64Array(storage, 0, n);
    const ints = {} as Record<DatasetTableIntColumn, Int32Array>;
    DATASET_TABLE_INT_COLUMNS.forEach((c, k) => {
      ints[c] = new Int32Array(storage, n * 8 + k * n * 4, n);
    });
    this.ints = ints;
  }

  /** Index of a shared value in this table, listing it on first use. `memo` caches it on the caller's side. */
  index<T>(list: 'actors' | 'codingValues' | 'timeValues' | 'placeValues', value: T, memo: TableSlot): number {
    if (memo.generation === this.generation) return memo.index;
    const values = this[list] as unknown as T[];
    memo.generation = this.generation;
    memo.index = values.length;
    values.push(value);
    return memo.index;
  }

  add(
    record: number,
    start: number,
    end: number,
    urlStart: number,
    urlEnd: number,
    firstActor: number,
    secondActor: number,
    coding: number,
    time: number,
    place: number,
  ): void {
    if (this.length === this.records.length) this.grow();
    const i = this.length++;
    const c = this.ints;
    this.records[i] = record;
    c.starts[i] = start;
    c.ends[i] = end;
    c.urlStarts[i] = urlStart;
    c.urlEnds[i] = urlEnd;
    c.firstActors[i] = firstActor;
    c.secondActors[i] = secondActor;
    c.codings[i] = coding;
    c.times[i] = time;
    c.places[i] = place;
  }

  /** More rows than the columns hold: fresh columns twice the size (caller storage is left behind). */
  private grow(): void {
    const size = Math.max(16, this.records.length * 2);
    const records = new Float64Array(size);
    records.set(this.records);
    this.records = records;
    for (const column of DATASET_TABLE_INT_COLUMNS) {
      const next = new Int32Array(size);
      next.set(this.ints[column]);
      this.ints[column] = next;
    }
    this.inStorage = false;
  }

  /** The finished table: columns trimmed to its length (views of the storage when built in one). */
  build(): DatasetClaimTable {
    const n = this.length;
    const c = this.ints;
    const cut = this.inStorage
      ? <A extends Float64Array | Int32Array>(a: A) => a.subarray(0, n) as A
      : <A extends Float64Array | Int32Array>(a: A) => a.slice(0, n) as A;
    return {
      dataset: this.dataset,
      label: this.label,
      extractor: this.extractor,
      length: n,
      records: cut(this.records),
      starts: cut(c.starts),
      ends: cut(c.ends),
      urlStarts: cut(c.urlStarts),
      urlEnds: cut(c.urlEnds),
      firstActors: cut(c.firstActors),
      secondActors: cut(c.secondActors),
      codings: cut(c.codings),
      times: cut(c.times),
      places: cut(c.places),
      actors: this.actors,
      codingValues: this.codingValues,
      timeValues: this.timeValues,
      placeValues: this.placeValues,
    };
  }
}

/** A caller's memo of a shared value's index in the table being built. */
export interface TableSlot {
  generation: number;
  index: number;
}

export function newTableSlot(): TableSlot {
  return { generation: 0, index: -1 };
}

/** The rows of a table at `rows` (ascending), as a table of their own over the same shared values. */
export function selectTableRows(table: DatasetClaimTable, rows: readonly number[]): DatasetClaimTable {
  const pick = <A extends Float64Array | Int32Array>(column: A): A => {
    const out = new (column.constructor as { new (n: number): A })(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = column[rows[k] as number] as number;
    return out;
  };
  return {
    ...table,
    length: rows.length,
    records: pick(table.records),
    starts: pick(table.starts),
    ends: pick(table.ends),
    urlStarts: pick(table.urlStarts),
    urlEnds: pick(table.urlEnds),
    firstActors: pick(table.firstActors),
    secondActors: pick(table.secondActors),
    codings: pick(table.codings),
    times: pick(table.times),
    places: pick(table.places),
  };
}
