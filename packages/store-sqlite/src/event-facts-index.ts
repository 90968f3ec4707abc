import {
  type ActorEdge,
  bucketStart,
  dateFromEpochDay,
  EVENT_STATUSES,
  type EventFilter,
  type EventStatus,
  hourLabel,
  type IsoDate,
  PLOVER_TYPES,
  type PlaceCount,
  parseEventCursor,
  sortActorEdges,
  sortPlaceCounts,
  type TimelineBasis,
  type TimelineBucket,
  type TimelineInterval,
  type TimelineStack,
} from '@parallax/core';
import type { EventColumns } from './event-columns.ts';

/** One event as the index needs it. */
export interface FactRow {
  rowid: number;
  id: string;
  columns: EventColumns;
  actors: { role: 'source' | 'target' | 'other'; actorId: string }[];
}

/** Marks "no value" in integer columns; chosen so no real epoch day or microdegree can equal it. */
const NONE = -2147483648;
/** Marks an unknown hour of day in the hour columns. */
const NO_HOUR = 255;
const ROLE_CODE = { source: 1, target: 2, other: 3 } as const;
const PLOVER_CODE = new Map<string, number>(PLOVER_TYPES.map((t, i) => [t, i + 1]));
const STATUS_CODE = new Map<string, number>(EVENT_STATUSES.map((s, i) => [s, i]));

/** Interns strings as small integers; 0 stands for "none". Persisted with the snapshot. */
class Dictionary {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>();
  constructor(values: string[] = []) {
    for (const v of values) this.intern(v);
  }
  intern(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
  find(value: string): number | undefined {
    return this.ids.get(value);
  }
  get size(): number {
    return this.values.length;
  }
}

function microdegrees(value: number | null): number {
  return value === null ? NONE : Math.round(value * 1e6);
}

/**
 * Splits an event id (`evt_` + 20 hex digits) into two numbers whose order equals the string order,
 * so the index can sort by id without keeping 10 million strings in memory.
 */
function idParts(id: string): [number, number] {
  return [Number.parseInt(id.slice(4, 17), 16), Number.parseInt(id.slice(17, 24), 16)];
}

function idString(hi: number, lo: number): string {
  return `evt_${hi.toString(16).padStart(13, '0')}${lo.toString(16).padStart(7, '0')}`;
}

type Columns = {
  rowid: Int32Array;
  startDay: Int32Array;
  endDay: Int32Array;
  plover: Uint8Array;
  cameo: Uint8Array;
  quad: Uint8Array;
  cred: Uint8Array;
  status: Uint8Array;
  country: Int32Array;
  admin1: Int32Array;
  lat: Int32Array;
  lon: Int32Array;
  goldstein: Float64Array;
  hour: Uint8Array;
  reportDay: Int32Array;
  reportHour: Uint8Array;
  idHi: Float64Array;
  idLo: Int32Array;
  actorStart: Int32Array;
  actorCount: Uint8Array;
  live: Uint8Array;
};

const COLUMN_TYPES = {
  rowid: Int32Array,
  startDay: Int32Array,
  endDay: Int32Array,
  plover: Uint8Array,
  cameo: Uint8Array,
  quad: Uint8Array,
  cred: Uint8Array,
  status: Uint8Array,
  country: Int32Array,
  admin1: Int32Array,
  lat: Int32Array,
  lon: Int32Array,
  goldstein: Float64Array,
  hour: Uint8Array,
  reportDay: Int32Array,
  reportHour: Uint8Array,
  idHi: Float64Array,
  idLo: Int32Array,
  actorStart: Int32Array,
  actorCount: Uint8Array,
  live: Uint8Array,
} as const;

type ColumnName = keyof Columns;

/** The serialisable state of the index: what the snapshot stores. */
export interface FactsSnapshot {
  size: number;
  actorSize: number;
  dictionaries: { country: string[]; admin1: string[]; actor: string[] };
  columns: Record<ColumnName, Uint8Array>;
  actorIds: Uint8Array;
  actorRoles: Uint8Array;
}

/**
 * An in-process columnar copy of the events' filter columns: typed arrays scanned in tight loops.
 * SQLite stays the record; this answers the workbench's aggregates (timeline, map, network, event
 * pages) in tens of milliseconds at 10 million events, where SQLite's own GROUP BY takes seconds
 * (see docs/adr/0001-analytics-index.md for the measurements).
 */
export class EventFactsIndex {
  private size = 0;
  private capacity: number;
  private cols: Columns;
  private actorIds: Int32Array;
  private actorRoles: Uint8Array;
  private actorSize = 0;
  /**
   * Per slot, the id of the event's (source, target) pair when it has exactly one of each, -1 when it
   * has no edge, -2 when it has several sources or targets (counted through the hash table). Built on
   * the first actor-edge query and then kept by `upsert`, so the edge loop reads one array per event
   * and counts into dense arrays instead of walking actor rows and probing a hash table.
   */
  private pairOfSlot: Int32Array | null = null;
  private pairSource: number[] = [];
  private pairTarget: number[] = [];
  private readonly pairByKey = new Map<number, number>();
  private readonly slotOfRowid = new Map<number, number>();
  private dead = 0;
  private readonly countries: Dictionary;
  private readonly admin1s: Dictionary;
  private readonly actors: Dictionary;

  constructor(snapshot?: FactsSnapshot) {
    this.countries = new Dictionary(snapshot?.dictionaries.country.slice(1));
    this.admin1s = new Dictionary(snapshot?.dictionaries.admin1.slice(1));
    this.actors = new Dictionary(snapshot?.dictionaries.actor.slice(1));
    if (snapshot) {
      this.size = snapshot.size;
      this.capacity = Math.max(1024, snapshot.size);
      this.cols = {} as Columns;
      for (const name of Object.keys(COLUMN_TYPES) as ColumnName[]) {
        const Type = COLUMN_TYPES[name];
        const bytes = snapshot.columns[name];
        const target = new Type(this.capacity);
        target.set(new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT));
        (this.cols as Record<ColumnName, unknown>)[name] = target;
      }
      this.actorSize = snapshot.actorSize;
      this.actorIds = new Int32Array(Math.max(1024, snapshot.actorSize));
      this.actorIds.set(
        new Int32Array(
          snapshot.actorIds.buffer as ArrayBuffer,
          snapshot.actorIds.byteOffset,
          snapshot.actorIds.byteLength / 4,
        ),
      );
      this.actorRoles = new Uint8Array(Math.max(1024, snapshot.actorSize));
      this.actorRoles.set(snapshot.actorRoles);
      for (let slot = 0; slot < this.size; slot++) {
        if (this.cols.live[slot]) this.slotOfRowid.set(this.cols.rowid[slot] as number, slot);
        else this.dead++;
      }
    } else {
      this.capacity = 1024;
      this.cols = allocate(this.capacity);
      this.actorIds = new Int32Array(1024);
      this.actorRoles = new Uint8Array(1024);
    }
  }

  /** Live events in the index. */
  get count(): number {
    return this.size - this.dead;
  }

  /** Slots whose event was removed or replaced; a high share means a fresh snapshot is worth writing. */
  get deadShare(): number {
    return this.size === 0 ? 0 : this.dead / this.size;
  }

  /** Adds or replaces events (by rowid). */
  upsert(rows: Iterable<FactRow>): void {
    for (const row of rows) {
      this.remove(row.rowid);
      if (this.size === this.capacity) this.grow(this.capacity * 2);
      const slot = this.size++;
      const c = this.cols;
      const col = row.columns;
      c.rowid[slot] = row.rowid;
      c.startDay[slot] = col.startDay ?? NONE;
      c.endDay[slot] = col.endDay ?? NONE;
      c.plover[slot] = col.plover ? (PLOVER_CODE.get(col.plover) ?? 0) : 0;
      c.cameo[slot] = col.cameoRoot ? Number(col.cameoRoot) : 0;
      c.quad[slot] = col.quad ?? 0;
      c.cred[slot] = col.credibility;
      c.status[slot] = STATUS_CODE.get(col.status) ?? 0;
      c.country[slot] = this.countries.intern(col.country);
      c.admin1[slot] = this.admin1s.intern(col.admin1);
      c.lat[slot] = microdegrees(col.lat);
      c.lon[slot] = microdegrees(col.lon);
      c.goldstein[slot] = col.goldstein ?? Number.NaN;
      c.hour[slot] = col.hour ?? NO_HOUR;
      c.reportDay[slot] = col.reportDay ?? NONE;
      c.reportHour[slot] = col.reportHour ?? NO_HOUR;
      const [hi, lo] = idParts(row.id);
      c.idHi[slot] = hi;
      c.idLo[slot] = lo;
      c.actorStart[slot] = this.actorSize;
      c.actorCount[slot] = Math.min(row.actors.length, 255);
      for (const a of row.actors.slice(0, 255)) {
        if (this.actorSize === this.actorIds.length) this.growActors(this.actorIds.length * 2);
        this.actorIds[this.actorSize] = this.actors.intern(a.actorId);
        this.actorRoles[this.actorSize] = ROLE_CODE[a.role];
        this.actorSize++;
      }
      c.live[slot] = 1;
      this.slotOfRowid.set(row.rowid, slot);
      if (this.pairOfSlot) {
        if (slot >= this.pairOfSlot.length) {
          const next = new Int32Array(Math.max(this.capacity, slot + 1));
          next.set(this.pairOfSlot);
          this.pairOfSlot = next;
        }
        this.pairOfSlot[slot] = this.pairFor(slot);
      }
    }
  }

  private pairFor(slot: number): number {
    const start = this.cols.actorStart[slot] as number;
    const n = this.cols.actorCount[slot] as number;
    if (n < 2) return -1;
    const roles = this.actorRoles;
    if (n === 2 && roles[start] === 1 && roles[start + 1] === 2) {
      const s = this.actorIds[start] as number;
      const t = this.actorIds[start + 1] as number;
      if (s === t) return -1;
      const key = s * 0x4000000 + t;
      let id = this.pairByKey.get(key);
      if (id === undefined) {
        id = this.pairSource.length;
        this.pairSource.push(s);
        this.pairTarget.push(t);
        this.pairByKey.set(key, id);
      }
      return id;
    }
    return -2;
  }

  private pairs(): Int32Array {
    if (!this.pairOfSlot) {
      const pairs = new Int32Array(this.capacity);
      for (let slot = 0; slot < this.size; slot++) pairs[slot] = this.pairFor(slot);
      this.pairOfSlot = pairs;
    }
    return this.pairOfSlot;
  }

  remove(rowid: number): void {
    const slot = this.slotOfRowid.get(rowid);
    if (slot === undefined) return;
    this.cols.live[slot] = 0;
    this.slotOfRowid.delete(rowid);
    this.dead++;
  }

  /** A compacted copy of the state for persisting. */
  snapshot(): FactsSnapshot {
    const live: number[] = [];
    for (let slot = 0; slot < this.size; slot++) if (this.cols.live[slot]) live.push(slot);
    const n = live.length;
    const out = allocate(n);
    let actorTotal = 0;
    for (const slot of live) actorTotal += this.cols.actorCount[slot] as number;
    const actorIds = new Int32Array(actorTotal);
    const actorRoles = new Uint8Array(actorTotal);
    let a = 0;
    live.forEach((slot, i) => {
      for (const name of Object.keys(COLUMN_TYPES) as ColumnName[]) {
        (out[name] as Int32Array)[i] = (this.cols[name] as Int32Array)[slot] as number;
      }
      const start = this.cols.actorStart[slot] as number;
      const count = this.cols.actorCount[slot] as number;
      out.actorStart[i] = a;
      for (let k = 0; k < count; k++) {
        actorIds[a] = this.actorIds[start + k] as number;
        actorRoles[a] = this.actorRoles[start + k] as number;
        a++;
      }
    });
    const bytes = (arr: ArrayBufferView) => new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
    const columns = {} as Record<ColumnName, Uint8Array>;
    for (const name of Object.keys(COLUMN_TYPES) as ColumnName[]) columns[name] = bytes(out[name]);
    return {
      size: n,
      actorSize: actorTotal,
      dictionaries: { country: this.countries.values, admin1: this.admin1s.values, actor: this.actors.values },
      columns,
      actorIds: bytes(actorIds),
      actorRoles,
    };
  }

  /** Marks the slots matching a filter (without `documentId`, which the index does not know). */
  private match(filter: EventFilter): Uint8Array {
    const c = this.cols;
    const n = this.size;
    const mask = c.live.slice(0, n);
    const narrow = (test: (slot: number) => boolean) => {
      for (let i = 0; i < n; i++) if (mask[i] && !test(i)) mask[i] = 0;
    };
    if (filter.from || filter.to) {
      const from = filter.from ? dayOf(filter.from) : NONE + 1;
      const to = filter.to ? dayOf(filter.to) : 2147483647;
      const start = c.startDay;
      const end = c.endDay;
      for (let i = 0; i < n; i++) {
        const s = start[i] as number;
        if (mask[i] && (s === NONE || (end[i] as number) < from || s > to)) mask[i] = 0;
      }
    }
    if (filter.ploverTypes?.length) {
      const ok = flags(
        17,
        filter.ploverTypes.map((t) => PLOVER_CODE.get(t) ?? -1),
      );
      const col = c.plover;
      for (let i = 0; i < n; i++) if (mask[i] && !ok[col[i] as number]) mask[i] = 0;
    }
    if (filter.cameoRoots?.length) {
      const ok = flags(
        21,
        filter.cameoRoots.map((r) => (/^\d{2}$/.test(r) ? Number(r) : -1)),
      );
      ok[0] = 0;
      const col = c.cameo;
      for (let i = 0; i < n; i++) if (mask[i] && !ok[col[i] as number]) mask[i] = 0;
    }
    if (filter.quadClasses?.length) {
      const ok = flags(5, filter.quadClasses);
      ok[0] = 0;
      const col = c.quad;
      for (let i = 0; i < n; i++) if (mask[i] && !ok[col[i] as number]) mask[i] = 0;
    }
    if (filter.minCredibility !== undefined && filter.minCredibility < 6) {
      const min = filter.minCredibility;
      const col = c.cred;
      for (let i = 0; i < n; i++) if (mask[i] && (col[i] as number) > min) mask[i] = 0;
    }
    if (filter.statuses?.length) {
      const ok = flags(
        EVENT_STATUSES.length,
        filter.statuses.map((s) => STATUS_CODE.get(s as EventStatus) ?? -1),
      );
      const col = c.status;
      for (let i = 0; i < n; i++) if (mask[i] && !ok[col[i] as number]) mask[i] = 0;
    }
    if (filter.countries?.length) this.narrowByDictionary(mask, c.country, this.countries, filter.countries);
    if (filter.admin1?.length) this.narrowByDictionary(mask, c.admin1, this.admin1s, filter.admin1);
    if (filter.bbox) {
      const [w, s, e, north] = filter.bbox.map((v) => Math.round(v * 1e6)) as [number, number, number, number];
      const lat = c.lat;
      const lon = c.lon;
      const crosses = w > e;
      for (let i = 0; i < n; i++) {
        if (!mask[i]) continue;
        const la = lat[i] as number;
        const lo = lon[i] as number;
        if (la === NONE || la < s || la > north || (crosses ? lo < w && lo > e : lo < w || lo > e)) mask[i] = 0;
      }
    }
    if (filter.actorIds?.length) {
      const ok = new Uint8Array(this.actors.size);
      for (const id of filter.actorIds) {
        const k = this.actors.find(id);
        if (k !== undefined) ok[k] = 1;
      }
      const starts = c.actorStart;
      const counts = c.actorCount;
      const ids = this.actorIds;
      narrow((slot) => {
        const start = starts[slot] as number;
        const end = start + (counts[slot] as number);
        for (let k = start; k < end; k++) if (ok[ids[k] as number]) return true;
        return false;
      });
    }
    return mask;
  }

  private narrowByDictionary(mask: Uint8Array, col: Int32Array, dict: Dictionary, values: string[]): void {
    const ok = new Uint8Array(dict.size);
    for (const v of values) {
      const k = dict.find(v);
      if (k !== undefined) ok[k] = 1;
    }
    for (let i = 0; i < mask.length; i++) if (mask[i] && !ok[col[i] as number]) mask[i] = 0;
  }

  countMatching(filter: EventFilter): number {
    const mask = this.match(filter);
    let total = 0;
    for (let i = 0; i < mask.length; i++) total += mask[i] as number;
    return total;
  }

  /**
   * One page of matching events, newest first: returns their rowids in order, the total and the
   * next cursor. A bounded heap keeps the page while scanning, so cost stays linear in the events.
   */
  page(
    filter: EventFilter,
    limit: number,
    cursor: string | null,
  ): { rowids: number[]; total: number; next: string | null } {
    const mask = this.match(filter);
    const after = cursor ? parseEventCursor(cursor) : null;
    const afterDay = after ? after.day : Number.POSITIVE_INFINITY;
    const [afterHi, afterLo] = after ? idParts(after.id) : [-1, -1];
    const c = this.cols;
    const dayKey = (slot: number) => {
      const d = c.startDay[slot] as number;
      return d === NONE ? Number.NEGATIVE_INFINITY : d;
    };
    // `a` sorts before `b` in newest-first order.
    const before = (a: number, b: number) => {
      const da = dayKey(a);
      const db = dayKey(b);
      if (da !== db) return da > db;
      const ha = c.idHi[a] as number;
      const hb = c.idHi[b] as number;
      if (ha !== hb) return ha < hb;
      return (c.idLo[a] as number) < (c.idLo[b] as number);
    };
    const heap: number[] = [];
    let total = 0;
    let remaining = 0;
    for (let slot = 0; slot < mask.length; slot++) {
      if (!mask[slot]) continue;
      total++;
      if (after) {
        const d = dayKey(slot);
        if (d > afterDay) continue;
        if (d === afterDay) {
          const hi = c.idHi[slot] as number;
          if (hi < afterHi || (hi === afterHi && (c.idLo[slot] as number) <= afterLo)) continue;
        }
      }
      remaining++;
      if (heap.length < limit) {
        heap.push(slot);
        siftUp(heap, heap.length - 1, before);
      } else if (limit > 0 && before(slot, heap[0] as number)) {
        heap[0] = slot;
        siftDown(heap, 0, before);
      }
    }
    const ordered = heap.sort((a, b) => (before(a, b) ? -1 : 1));
    const last = ordered.at(-1);
    let next: string | null = null;
    if (last !== undefined && remaining > ordered.length) {
      const d = c.startDay[last] as number;
      next = `${d === NONE ? 'none' : d}~${idString(c.idHi[last] as number, c.idLo[last] as number)}`;
    }
    return { rowids: ordered.map((slot) => c.rowid[slot] as number), total, next };
  }

  timeline(
    filter: EventFilter,
    interval: TimelineInterval | 'hour',
    stack: TimelineStack,
    basis: TimelineBasis = 'event',
  ): TimelineBucket[] {
    const mask = this.match(filter);
    const c = this.cols;
    const keys: string[] =
      stack === 'quadClass'
        ? ['none', '1', '2', '3', '4']
        : stack === 'plover'
          ? ['none', ...PLOVER_TYPES]
          : [...EVENT_STATUSES];
    const keyCol = stack === 'quadClass' ? c.quad : stack === 'plover' ? c.plover : c.status;
    const dayCol = basis === 'event' ? c.startDay : c.reportDay;
    const hourCol = basis === 'event' ? c.hour : c.reportHour;
    const hourly = interval === 'hour';
    const k = keys.length;
    // A unit is a day, or an hour counted from the epoch when bucketing by hour.
    const unitOf = (i: number): number => {
      const d = dayCol[i] as number;
      if (d === NONE) return NONE;
      if (!hourly) return d;
      const h = hourCol[i] as number;
      return h === NO_HOUR ? NONE : d * 24 + h;
    };
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      const u = unitOf(i);
      if (u === NONE) continue;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    if (min > max) return [];
    // Map each unit in range to its bucket once, instead of doing calendar arithmetic per event.
    const bucketOfUnit = new Int32Array(max - min + 1);
    for (let u = min; u <= max; u++) bucketOfUnit[u - min] = hourly ? u : bucketStart(u, interval as TimelineInterval);
    const firstBucket = bucketOfUnit[0] as number;
    const span = (bucketOfUnit[max - min] as number) - firstBucket + 1;
    const counts = new Int32Array(span * k);
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      const u = unitOf(i);
      if (u === NONE) continue;
      const cell = ((bucketOfUnit[u - min] as number) - firstBucket) * k + (keyCol[i] as number);
      counts[cell] = (counts[cell] as number) + 1;
    }
    const out: TimelineBucket[] = [];
    for (let b = 0; b < span; b++) {
      let total = 0;
      const bucketCounts: Record<string, number> = {};
      for (let j = 0; j < k; j++) {
        const v = counts[b * k + j] as number;
        if (v) {
          bucketCounts[keys[j] as string] = v;
          total += v;
        }
      }
      if (!total) continue;
      const at = firstBucket + b;
      const date = hourly ? hourLabel(Math.floor(at / 24), at % 24) : dateFromEpochDay(at);
      out.push({ date: date as IsoDate, counts: bucketCounts, total });
    }
    return out;
  }

  placeCounts(filter: EventFilter, level: 'admin1' | 'country'): PlaceCount[] {
    const mask = this.match(filter);
    const col = level === 'admin1' ? this.cols.admin1 : this.cols.country;
    const dict = level === 'admin1' ? this.admin1s : this.countries;
    const counts = new Int32Array(dict.size);
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      const id = col[i] as number;
      counts[id] = (counts[id] as number) + 1;
    }
    const out: PlaceCount[] = [];
    for (let id = 1; id < counts.length; id++) {
      const count = counts[id] as number;
      if (count) out.push({ code: dict.values[id] as string, count });
    }
    return sortPlaceCounts(out);
  }

  actorEdges(filter: EventFilter, limit: number): ActorEdge[] {
    const mask = this.match(filter);
    const c = this.cols;
    const width = this.actors.size;
    const table = new PairTable();
    const pairs = this.pairs();
    const np = this.pairSource.length;
    const pCounts = new Int32Array(np);
    const pGold = new Float64Array(np);
    const pQuads = new Int32Array(np * 4);
    const goldstein = c.goldstein;
    const quad = c.quad;
    const sources: number[] = [];
    const targets: number[] = [];
    const ids = this.actorIds;
    const roles = this.actorRoles;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      const p = pairs[i] as number;
      if (p === -1) continue;
      const g = goldstein[i] as number;
      const q = quad[i] as number;
      if (p >= 0) {
        // The common case (one source, one target): dense counts by pair id.
        pCounts[p] = (pCounts[p] as number) + 1;
        if (!Number.isNaN(g)) pGold[p] = (pGold[p] as number) + g;
        if (q) pQuads[p * 4 + q - 1] = (pQuads[p * 4 + q - 1] as number) + 1;
        continue;
      }
      const start = c.actorStart[i] as number;
      const n = c.actorCount[i] as number;
      sources.length = 0;
      targets.length = 0;
      for (let a = start; a < start + n; a++) {
        if (roles[a] === 1) sources.push(ids[a] as number);
        else if (roles[a] === 2) targets.push(ids[a] as number);
      }
      for (const s of sources) for (const t of targets) if (s !== t) table.add(s * width + t, g, q);
    }
    for (let p = 0; p < np; p++) {
      const n = pCounts[p] as number;
      if (n === 0) continue;
      table.addTotals((this.pairSource[p] as number) * width + (this.pairTarget[p] as number), n, pGold[p] as number, [
        pQuads[p * 4] as number,
        pQuads[p * 4 + 1] as number,
        pQuads[p * 4 + 2] as number,
        pQuads[p * 4 + 3] as number,
      ]);
    }
    const { used, counts, gold, quads, edgeKeys } = table;
    // Only edges that can make the top `limit` become objects: those at or above the limit-th count
    // (ties kept, so the final order and cut are exactly the reference's).
    let threshold = 0;
    if (used > limit && limit > 0) {
      const sorted = counts.slice(0, used).sort();
      threshold = sorted[used - limit] as number;
    }
    const list: ActorEdge[] = [];
    for (let e = 0; e < used; e++) {
      if ((counts[e] as number) < threshold) continue;
      const key = edgeKeys[e] as number;
      list.push({
        source: this.actors.values[Math.floor(key / width)] as ActorEdge['source'],
        target: this.actors.values[key % width] as ActorEdge['target'],
        count: counts[e] as number,
        goldsteinSum: gold[e] as number,
        quadCounts: [
          quads[e * 4] as number,
          quads[e * 4 + 1] as number,
          quads[e * 4 + 2] as number,
          quads[e * 4 + 3] as number,
        ],
      });
    }
    return sortActorEdges(list).slice(0, limit);
  }

  private grow(capacity: number): void {
    const next = allocate(capacity);
    for (const name of Object.keys(COLUMN_TYPES) as ColumnName[])
      (next[name] as Int32Array).set(this.cols[name] as Int32Array);
    this.cols = next;
    this.capacity = capacity;
  }

  private growActors(capacity: number): void {
    const ids = new Int32Array(capacity);
    ids.set(this.actorIds);
    const roles = new Uint8Array(capacity);
    roles.set(this.actorRoles);
    this.actorIds = ids;
    this.actorRoles = roles;
  }
}

function allocate(capacity: number): Columns {
  const cols = {} as Columns;
  for (const name of Object.keys(COLUMN_TYPES) as ColumnName[]) {
    (cols as Record<ColumnName, unknown>)[name] = new COLUMN_TYPES[name](capacity);
  }
  return cols;
}

/**
 * Actor-pair aggregates in an open-addressing table over typed arrays: no object per edge. A class
 * with fields rather than a closure over mutable locals, so V8 keeps the hot loop in registers.
 */
class PairTable {
  capacity = 1 << 12;
  keys = new Float64Array(this.capacity).fill(-1);
  slotOf = new Int32Array(this.capacity);
  counts: Int32Array = new Int32Array(1024);
  gold: Float64Array = new Float64Array(1024);
  quads: Int32Array = new Int32Array(4096);
  edgeKeys: Float64Array = new Float64Array(1024);
  used = 0;

  private hash(key: number): number {
    // Keys below 2^31 hash as integers; float modulo only for very large actor dictionaries.
    const k = key < 0x7fffffff ? key | 0 : (key % 0x7fffffff) | 0;
    return (Math.imul(k, 0x9e3779b1) >>> 0) & (this.capacity - 1);
  }

  add(key: number, g: number, q: number): void {
    const e = this.slot(key);
    this.counts[e] = (this.counts[e] as number) + 1;
    if (!Number.isNaN(g)) this.gold[e] = (this.gold[e] as number) + g;
    if (q) this.quads[e * 4 + q - 1] = (this.quads[e * 4 + q - 1] as number) + 1;
  }

  /** Adds an edge's totals counted elsewhere (the dense pair arrays). */
  addTotals(key: number, count: number, gold: number, quads: readonly number[]): void {
    const e = this.slot(key);
    this.counts[e] = (this.counts[e] as number) + count;
    this.gold[e] = (this.gold[e] as number) + gold;
    for (let k = 0; k < 4; k++) this.quads[e * 4 + k] = (this.quads[e * 4 + k] as number) + (quads[k] as number);
  }

  /** The edge slot of a key, taking a new one for a new key. */
  private slot(key: number): number {
    const keys = this.keys;
    const mask = this.capacity - 1;
    let h = this.hash(key);
    let k = keys[h] as number;
    while (k !== key && k !== -1) {
      h = (h + 1) & mask;
      k = keys[h] as number;
    }
    let e: number;
    if (k === key) e = this.slotOf[h] as number;
    else {
      e = this.used++;
      if (e === this.counts.length) {
        this.counts = growInt(this.counts, e * 2);
        this.gold = growFloat(this.gold, e * 2);
        this.quads = growInt(this.quads, e * 8);
        this.edgeKeys = growFloat(this.edgeKeys, e * 2);
      }
      keys[h] = key;
      this.slotOf[h] = e;
      this.edgeKeys[e] = key;
      if (this.used * 2 > this.capacity) this.rehash();
    }
    return e;
  }

  /** Doubles the table to keep probe chains short. */
  private rehash(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slotOf;
    this.capacity *= 2;
    this.keys = new Float64Array(this.capacity).fill(-1);
    this.slotOf = new Int32Array(this.capacity);
    const mask = this.capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k === -1) continue;
      let j = this.hash(k);
      while ((this.keys[j] as number) !== -1) j = (j + 1) & mask;
      this.keys[j] = k;
      this.slotOf[j] = oldSlots[i] as number;
    }
  }
}

function growInt(arr: Int32Array, size: number): Int32Array {
  const next = new Int32Array(size);
  next.set(arr);
  return next;
}

function growFloat(arr: Float64Array, size: number): Float64Array {
  const next = new Float64Array(size);
  next.set(arr);
  return next;
}

function flags(size: number, on: number[]): Uint8Array {
  const out = new Uint8Array(size);
  for (const v of on) if (v >= 0 && v < size) out[v] = 1;
  return out;
}

function dayOf(date: IsoDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

function siftUp(heap: number[], index: number, before: (a: number, b: number) => boolean): void {
  // The root holds the entry that sorts last, so a better candidate can replace it.
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (before(heap[parent] as number, heap[i] as number)) {
      [heap[parent], heap[i]] = [heap[i] as number, heap[parent] as number];
      i = parent;
    } else break;
  }
}

function siftDown(heap: number[], index: number, before: (a: number, b: number) => boolean): void {
  let i = index;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let worst = i;
    if (l < heap.length && before(heap[worst] as number, heap[l] as number)) worst = l;
    if (r < heap.length && before(heap[worst] as number, heap[r] as number)) worst = r;
    if (worst === i) return;
    [heap[worst], heap[i]] = [heap[i] as number, heap[worst] as number];
    i = worst;
  }
}
