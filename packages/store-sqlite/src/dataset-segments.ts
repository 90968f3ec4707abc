import {
  type Claim,
  type DatasetClaimTable,
  datasetClaimId,
  datasetTableClaim,
  NUMBERED_DATASETS,
  type NumberedDataset,
  parseDatasetClaimId,
  selectTableRows,
} from '@parallax/core';
import type { Database, Statement } from 'better-sqlite3';
import { decodeSegment, decodeSegmentRecords, encodeSegment } from './dataset-segment-codec.ts';

const DATASET_BY_TAG = new Map<string, NumberedDataset>(
  Object.entries(NUMBERED_DATASETS).map(([name, tag]) => [tag, name as NumberedDataset]),
);

/** The R*Tree's first dimension: the dataset tag's number (`da01` → 1). */
function tagNumber(dataset: NumberedDataset): number {
  return Number.parseInt(NUMBERED_DATASETS[dataset].slice(2), 16);
}

function statements(db: Database) {
  const cache = new Map<string, Statement>();
  return (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
}

const CANDIDATES = `SELECT s.rowid AS rowid, s.records AS records FROM dataset_segment_ranges r
  JOIN dataset_segments s ON s.rowid = r.id
  WHERE r.tag_min <= ? AND r.tag_max >= ? AND r.lo <= ? AND r.hi >= ? AND s.lo <= ? AND s.hi >= ?`;

/**
 * Writes dataset tables as segments, skipping records already stored (in a segment or, from `apply`,
 * as a claim row). Runs inside the caller's transaction.
 */
export function segmentWriter(db: Database) {
  const prepare = statements(db);
  return (documentId: string, table: DatasetClaimTable): { inserted: number; duplicates: number } => {
    const n = table.length;
    if (n === 0) return { inserted: 0, duplicates: 0 };
    const records = table.records;
    let lo = records[0] as number;
    let hi = lo;
    let ascending = true;
    for (let i = 1; i < n; i++) {
      const r = records[i] as number;
      if (r <= hi) ascending = false;
      else hi = r;
      if (r < lo) lo = r;
    }
    const stored = new Set<number>();
    const tag = tagNumber(table.dataset);
    for (const row of prepare(CANDIDATES).all(tag, tag, hi, lo, hi, lo) as { records: Uint8Array }[]) {
      const old = decodeSegmentRecords(row.records);
      for (let i = 0; i < old.length; i++) {
        const r = old[i] as number;
        if (r >= lo && r <= hi) stored.add(r);
      }
    }
    for (const row of prepare('SELECT id FROM claims WHERE id >= ? AND id <= ?')
      .raw()
      .all(datasetClaimId(table.dataset, lo), datasetClaimId(table.dataset, hi)) as [string][]) {
      const parsed = parseDatasetClaimId(row[0]);
      if (parsed && parsed.dataset === table.dataset) stored.add(parsed.record);
    }
    let keep: number[] | null = null;
    if (stored.size > 0 || !ascending) {
      keep = [];
      for (let i = 0; i < n; i++) {
        const r = records[i] as number;
        if (stored.has(r)) continue;
        stored.add(r); // a record repeated later in the same slice is a duplicate of this row
        keep.push(i);
      }
    }
    const kept = keep ? selectTableRows(table, keep) : table;
    if (kept.length > 0) {
      let keptLo = kept.records[0] as number;
      let keptHi = keptLo;
      for (let i = 1; i < kept.length; i++) {
        const r = kept.records[i] as number;
        if (r < keptLo) keptLo = r;
        if (r > keptHi) keptHi = r;
      }
      const encoded = encodeSegment(kept);
      const rowid = prepare(
        'INSERT INTO dataset_segments (document_id, dataset, count, lo, hi, records, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        documentId,
        NUMBERED_DATASETS[table.dataset],
        kept.length,
        keptLo,
        keptHi,
        encoded.records,
        encoded.body,
      ).lastInsertRowid;
      prepare('INSERT INTO dataset_segment_ranges (id, tag_min, tag_max, lo, hi) VALUES (?, ?, ?, ?, ?)').run(
        rowid,
        tag,
        tag,
        keptLo,
        keptHi,
      );
    }
    return { inserted: kept.length, duplicates: n - kept.length };
  };
}

interface LoadedSegment {
  rowid: number;
  documentId: string;
  table: DatasetClaimTable;
  byRecord: Map<number, number> | null;
}

/**
 * Answers claim reads from segments. Decoded segments and their documents' text are cached (a few
 * of each): reads of dataset claims come in runs from the same slices.
 */
export function segmentReader(db: Database, path: string) {
  const prepare = statements(db);
  const segments = new Map<number, LoadedSegment>();
  const texts = new Map<string, string>();

  const load = (row: {
    rowid: number;
    document_id: string;
    dataset: string;
    records: Uint8Array;
    body: Uint8Array;
  }) => {
    let s = segments.get(row.rowid);
    if (!s) {
      const dataset = DATASET_BY_TAG.get(row.dataset);
      if (!dataset) throw new Error(`${path}: dataset segment ${row.rowid} has an unknown dataset tag ${row.dataset}`);
      s = {
        rowid: row.rowid,
        documentId: row.document_id,
        table: decodeSegment(dataset, row.records, row.body, `${path} (dataset segment ${row.rowid})`),
        byRecord: null,
      };
      if (segments.size >= 16) segments.delete(segments.keys().next().value as number);
      segments.set(row.rowid, s);
    }
    return s;
  };
  const textOf = (documentId: string): string => {
    let text = texts.get(documentId);
    if (text === undefined) {
      text = ((prepare('SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string } | undefined)
        ?.text ?? '') as string;
      if (texts.size >= 8) texts.delete(texts.keys().next().value as string);
      texts.set(documentId, text);
    }
    return text;
  };
  const claimAt = (s: LoadedSegment, i: number): Claim =>
    datasetTableClaim(
      s.table,
      s.documentId as Claim['documentId'],
      i,
      textOf(s.documentId).slice(s.table.starts[i] as number, s.table.ends[i] as number),
    );
  const SEGMENT = 'SELECT rowid, document_id, dataset, records, body FROM dataset_segments';

  /** The segment and row holding a dataset claim id, or null. */
  const locate = (id: string): { segment: LoadedSegment; row: number } | null => {
    const parsed = parseDatasetClaimId(id);
    if (!parsed) return null;
    const tag = tagNumber(parsed.dataset);
    const r = parsed.record;
    // Ids first, and a segment's columns read only when it is not cached: a segment is ~200 KB, and
    // events written over imported rows cite them in runs from the same slices.
    const ids = prepare(
      'SELECT id FROM dataset_segment_ranges WHERE tag_min <= ? AND tag_max >= ? AND lo <= ? AND hi >= ?',
    ).all(tag, tag, r, r) as { id: number }[];
    for (const { id: rowid } of ids) {
      let s = segments.get(rowid);
      if (!s) {
        const row = prepare(`${SEGMENT} WHERE rowid = ? AND lo <= ? AND hi >= ?`).get(rowid, r, r) as
          | Parameters<typeof load>[0]
          | undefined;
        if (!row) continue;
        s = load(row);
      }
      if (!s.byRecord) {
        s.byRecord = new Map();
        const records = s.table.records;
        for (let i = records.length - 1; i >= 0; i--) s.byRecord.set(records[i] as number, i);
      }
      const i = s.byRecord.get(r);
      if (i !== undefined) return { segment: s, row: i };
    }
    return null;
  };

  return {
    has: (id: string): boolean => locate(id) !== null,
    get: (id: string): Claim | null => {
      const hit = locate(id);
      return hit ? claimAt(hit.segment, hit.row) : null;
    },
    /** Every claim stored in segments citing a document, in row order of each segment. */
    ofDocument: (documentId: string): Claim[] => {
      const out: Claim[] = [];
      const rows = prepare(`${SEGMENT} WHERE document_id = ? ORDER BY rowid`).all(documentId) as Parameters<
        typeof load
      >[0][];
      for (const row of rows) {
        const s = load(row);
        for (let i = 0; i < s.table.length; i++) out.push(claimAt(s, i));
      }
      return out;
    },
    /** Ids of the claims stored in segments citing a document. */
    claimIdsOfDocument: (documentId: string): string[] => {
      const out: string[] = [];
      for (const row of prepare('SELECT dataset, records FROM dataset_segments WHERE document_id = ?').all(
        documentId,
      ) as { dataset: string; records: Uint8Array }[]) {
        const dataset = DATASET_BY_TAG.get(row.dataset);
        if (!dataset) continue;
        for (const r of decodeSegmentRecords(row.records)) out.push(datasetClaimId(dataset, r));
      }
      return out;
    },
    count: (): number =>
      (prepare('SELECT coalesce(sum(count), 0) AS n FROM dataset_segments').get() as { n: number }).n,
    /** The smallest document id above `after` with claims in segments. */
    nextDocument: (after: string | null): string | null =>
      (
        (after === null
          ? prepare('SELECT min(document_id) AS d FROM dataset_segments').get()
          : prepare('SELECT min(document_id) AS d FROM dataset_segments WHERE document_id > ?').get(after)) as {
          d: string | null;
        }
      ).d,
    /** Forgets cached segments and texts (after writes by another connection they stay valid: segments are append-only). */
    clear: () => {
      segments.clear();
      texts.clear();
    },
  };
}
