import {
  type Actor,
  type Claim,
  type ClaimId,
  type Clock,
  type DatasetChunk,
  type Document,
  datasetChunkSize,
  datasetClaimId,
  type NumberedDataset,
  type Place,
  type Source,
  type Store,
} from '@parallax/core';
import { type RecorroborateSummary, recorroborate } from './recorroborate.ts';

/** A coded dataset file as an adapter read it whole: the file as a Document, its rows as Claims. */
export interface DatasetFile {
  document: Document;
  source: Source;
  claims: Claim[];
  actors: Actor[];
  places: Place[];
  rejected: { line: number; reason: string }[];
}

/** A slice of a dataset file as a streaming reader yields it. */
export interface DatasetChunkRead extends DatasetChunk {
  /** Lines read for this slice, whatever became of them. */
  lines: number;
  /** Rows left out by the import's filter. */
  filtered: number;
  /** Rows that could not be read; the rest of the slice is kept. */
  rejected: { line: number; reason: string }[];
  /**
   * Called once the store is done with the slice (its append settled, or it was not appended): a
   * reader may then reuse the slice's memory (its table's columns, its text's bytes) for the next.
   */
  release?: () => void;
}

/** Slices handed to the store and not yet confirmed, at most. */
const MAX_APPENDS_IN_FLIGHT = 2;

/** Most rejected rows listed by line in a summary; the count covers them all. */
export const MAX_LISTED_REJECTIONS = 1000;

export interface ImportSummary {
  files: number;
  /** Rows read (kept, filtered out, duplicate and failed). */
  read: number;
  inserted: number;
  duplicates: number;
  filtered: number;
  failed: number;
  rejected: { file: string; line: number; reason: string }[];
  /** Files that could not be read at all, with the reason. */
  failedFiles: { file: string; reason: string }[];
  events: RecorroborateSummary | null;
}

export function emptyImportSummary(): ImportSummary {
  return {
    files: 0,
    read: 0,
    inserted: 0,
    duplicates: 0,
    filtered: 0,
    failed: 0,
    rejected: [],
    failedFiles: [],
    events: null,
  };
}

/**
 * Appends one dataset file's slices as they are read, each in its own transaction through the
 * Store's bulk path. A crash loses at most the slice being written; re-running the import skips
 * every stored row (claim ids come from record numbers), so it completes with no duplicates.
 * Errors reading the file stop this file only and are recorded in the summary.
 */
export async function importDatasetChunks(
  deps: { store: Store },
  file: string,
  chunks: AsyncIterable<DatasetChunkRead>,
  summary: ImportSummary,
  onProgress?: (summary: ImportSummary) => void,
): Promise<ImportSummary> {
  summary.files++;
  // Up to two appends in flight while the next slice is read: a store that writes on another thread
  // (the SQLite store does) then stores slices n and n-1 while slice n+1 is parsed, and a slow write
  // (a checkpoint) does not stall reading. The store writes them in order. Counts are added only
  // when the store confirms, so a failure leaves the summary true to what was stored.
  const inFlight: Promise<void>[] = [];
  const append = async (chunk: DatasetChunkRead) => {
    // Read before appending: a store may move the chunk's memory to another thread.
    const rows = arrivingRows(chunk);
    let result: Awaited<ReturnType<Store['appendDatasetChunk']>>;
    try {
      result = await deps.store.appendDatasetChunk(chunk);
      noteArrived(summary, rows);
    } finally {
      chunk.release?.();
    }
    summary.read += chunk.lines;
    summary.filtered += chunk.filtered;
    summary.inserted += result.inserted;
    summary.duplicates += result.duplicates;
    onProgress?.(summary);
  };
  try {
    for await (const chunk of chunks) {
      summary.failed += chunk.rejected.length;
      for (const r of chunk.rejected) {
        if (summary.rejected.length < MAX_LISTED_REJECTIONS) summary.rejected.push({ file, ...r });
      }
      while (inFlight.length >= MAX_APPENDS_IN_FLIGHT) await inFlight.shift();
      if (datasetChunkSize(chunk)) {
        const appended = append(chunk);
        // Handled here so a failure while the next slice is being read is not an unhandled
        // rejection; it is thrown where the append is awaited.
        appended.catch(() => {});
        inFlight.push(appended);
      } else {
        chunk.release?.();
        summary.read += chunk.lines;
        summary.filtered += chunk.filtered;
        onProgress?.(summary);
      }
    }
    while (inFlight.length) await inFlight.shift();
  } catch (error) {
    await Promise.allSettled(inFlight);
    summary.failedFiles.push({ file, reason: (error as Error).message });
  }
  return summary;
}

/**
 * Claims of the slices an import appended (new rows and duplicates alike: a duplicate is already in its
 * event, so naming it costs a look-up and changes nothing). Kept beside the summary, not in it, so the
 * summary stays what the CLI and API print. Rows of tables are kept as runs of consecutive record
 * numbers (`[first, last]` pairs): datasets number their rows in order, so an import of millions of
 * rows holds a few runs, not a number (let alone an id string) per row, and its memory stays flat.
 */
interface Arrived {
  ids: ClaimId[];
  records: Map<NumberedDataset, RecordRuns>;
}
interface RecordRuns {
  /** first0, last0, first1, last1, …: `length` numbers. */
  runs: Float64Array;
  length: number;
}
const arrived = new WeakMap<ImportSummary, Arrived>();

/** A chunk's claims as `Arrived` keeps them: ids of its object claims, runs of its table's records. */
interface ArrivingRows {
  ids: ClaimId[];
  dataset: NumberedDataset | null;
  runs: RecordRuns;
}

function arrivingRows(chunk: DatasetChunk): ArrivingRows {
  const runs: RecordRuns = { runs: new Float64Array(8), length: 0 };
  const table = chunk.table;
  if (table?.length) addRuns(runs, table.records, table.length);
  return { ids: (chunk.claims ?? []).map((c) => c.id), dataset: table?.dataset ?? null, runs };
}

function addRuns(list: RecordRuns, records: ArrayLike<number>, count: number): void {
  let { runs, length } = list;
  for (let i = 0; i < count; i++) {
    const r = records[i] as number;
    if (length > 0 && r === (runs[length - 1] as number) + 1) {
      runs[length - 1] = r;
      continue;
    }
    if (length + 2 > runs.length) {
      const grown = new Float64Array(runs.length * 2);
      grown.set(runs);
      runs = grown;
    }
    runs[length++] = r;
    runs[length++] = r;
  }
  list.runs = runs;
  list.length = length;
}

function noteArrived(summary: ImportSummary, rows: ArrivingRows): void {
  let a = arrived.get(summary);
  if (!a) {
    a = { ids: [], records: new Map() };
    arrived.set(summary, a);
  }
  for (const id of rows.ids) a.ids.push(id);
  if (!rows.dataset || rows.runs.length === 0) return;
  let list = a.records.get(rows.dataset);
  if (!list) {
    list = { runs: new Float64Array(64), length: 0 };
    a.records.set(rows.dataset, list);
  }
  // Run by run: a run continuing the last one extends it.
  for (let k = 0; k < rows.runs.length; k += 2) {
    const first = rows.runs.runs[k] as number;
    const last = rows.runs.runs[k + 1] as number;
    if (list.length > 0 && first === (list.runs[list.length - 1] as number) + 1) {
      list.runs[list.length - 1] = last;
      continue;
    }
    addRuns(list, [first], 1);
    list.runs[list.length - 1] = last;
  }
}

function arrivedClaims(summary: ImportSummary): ClaimId[] | undefined {
  const a = arrived.get(summary);
  if (!a) return undefined;
  const ids = [...a.ids];
  for (const [dataset, list] of a.records) {
    for (let k = 0; k < list.length; k += 2) {
      const last = list.runs[k + 1] as number;
      for (let r = list.runs[k] as number; r <= last; r++) ids.push(datasetClaimId(dataset, r));
    }
  }
  return ids;
}

/**
 * Re-weighs events after an import, unless nothing new arrived: only the events the imported claims
 * can reach (recorroborate decides when a full run is cheaper), or all of them when the claims that
 * arrived are not known.
 */
export async function finishImport(
  deps: { store: Store; clock: Clock },
  summary: ImportSummary,
  options: { corroborate?: boolean } = {},
): Promise<ImportSummary> {
  if (options.corroborate !== false && summary.inserted > 0) {
    // Callers that appended rows some other way recorded none: then every event is re-weighed.
    const claimIds = arrivedClaims(summary);
    summary.events = await recorroborate(deps, claimIds?.length ? { claimIds } : {});
  }
  return summary;
}

/**
 * Stores dataset files read whole (small files: the demo, tests), each in one transaction. Large
 * files go through `importDatasetChunks`.
 */
export async function importDatasetFiles(
  deps: { store: Store; clock: Clock },
  files: readonly DatasetFile[],
  options: { corroborate?: boolean } = {},
): Promise<ImportSummary> {
  const summary = emptyImportSummary();
  for (const file of files) {
    const lines = file.claims.length + file.rejected.length;
    async function* one(): AsyncGenerator<DatasetChunkRead> {
      yield {
        sources: [file.source],
        document: file.document,
        actors: file.actors,
        places: file.places,
        claims: file.claims,
        lines,
        filtered: 0,
        rejected: file.rejected,
      };
    }
    await importDatasetChunks(deps, file.document.title, one(), summary);
  }
  return finishImport(deps, summary, options);
}
