import { createHash } from 'node:crypto';
import {
  type Actor,
  actorId,
  buildActor,
  buildDocument,
  buildDocumentFromUtf8,
  buildPlace,
  buildSource,
  type CameoCodebook,
  type Claim,
  type DatasetChunk,
  DatasetClaimTableBuilder,
  type DatasetCoding,
  type Document,
  type DocumentDraft,
  type DocumentUtf8,
  datasetClaimId,
  type FrameActor,
  InvalidInputError,
  type IsoDate,
  type IsoDateTime,
  isIsoDate,
  newTableSlot,
  type Place,
  type PlaceRef,
  type QuadClass,
  type Source,
  type TableSlot,
  type TimeSpan,
} from '@parallax/core';
import type { Admin1Locator } from './admin1-locator.ts';
import { LineBytesJoin } from './line-bytes-join.ts';
import { SliceBufferPool } from './slice-buffer-pool.ts';
import { textLines } from './text-lines.ts';

/**
 * A copy of a string that shares no memory with it. V8 keeps substrings as views into their parent,
 * so a cache key cut from a row would keep the whole megabyte of text it was read with alive:
 * everything cached is copied first, which keeps memory flat however long the file.
 */
function own(s: string): string {
  return s.length === 0 ? '' : ` ${s}`.slice(1);
}

interface EventColumns {
  code: string;
  plover: Claim['frame']['plover'];
  quadClass: QuadClass | null;
  goldstein: number | null;
  /** The same coding as a table's shared value, and its index in the table being built. */
  coding: DatasetCoding;
  slot: TableSlot;
}

interface DayEntry {
  day: IsoDate;
  span: TimeSpan;
  slot: TableSlot;
}

interface ActorBlock {
  actor: FrameActor | null;
  country: string;
  slot: TableSlot;
}

interface PlaceBlock {
  place: PlaceRef | null;
  lat: number;
  lon: number;
  slot: TableSlot;
}

/** `Claim.extractor` of every events-export claim. */
const EXTRACTOR = 'gdelt-2.0-export';

/** Shared by every row: GDELT states no quantities, and nothing downstream modifies the array. */
const NO_QUANTITIES: never[] = [];

/** GDELT 2.0 events export: 61 tab-separated columns, no header. */
export const GDELT_EXPORT_COLUMNS = 61;
const COL = {
  id: 0,
  sqlDate: 1,
  actor1Code: 5,
  actor1Name: 6,
  actor1Country: 7,
  actor1Type: 12,
  actor2Code: 15,
  actor2Name: 16,
  actor2Country: 17,
  actor2Type: 22,
  eventCode: 26,
  quadClass: 29,
  goldstein: 30,
  geoType: 51,
  geoName: 52,
  geoCountryFips: 53,
  geoLat: 56,
  geoLon: 57,
  geoFeature: 58,
  dateAdded: 59,
  sourceUrl: 60,
} as const;

export interface GdeltContext {
  codebook: CameoCodebook;
  locator: Admin1Locator;
  /** English name of a country by ISO 3166-1 alpha-3 (GDELT actor country codes are ISO-3). */
  countryName(iso3: string): string | null;
  /** Label of a CAMEO actor type code (GOV → Government). */
  actorTypeLabel(code: string): string | null;
  /** ISO 3166-1 alpha-3 for a FIPS 10-4 country code (GDELT place countries are FIPS). */
  fipsToIso3?(fips: string): string | null;
}

/** Which rows to keep. Fields combine with AND; values within a field are alternatives. */
export interface GdeltRowFilter {
  /** ISO-3 country codes; a row matches when either actor's country is one of them. */
  actorCountries?: string[];
  /** CAMEO root codes, two digits (`19`). */
  cameoRoots?: string[];
  /** Event day (SQLDATE) on or after / on or before. */
  from?: IsoDate;
  to?: IsoDate;
  /** [west, south, east, north]; rows without action coordinates never match. */
  bbox?: [number, number, number, number];
}

export interface RowRejection {
  line: number;
  reason: string;
}

export interface GdeltReadResult {
  document: Document;
  source: Source;
  claims: Claim[];
  actors: Actor[];
  places: Place[];
  /** Rows that could not be read, with their 1-based line number; good rows are kept. */
  rejected: RowRejection[];
}

/** A slice of an export read from a stream, ready for `Store.appendDatasetChunk`. */
export interface GdeltChunk extends DatasetChunk {
  /** Lines read for this chunk (kept, filtered out and rejected). */
  lines: number;
  filtered: number;
  rejected: RowRejection[];
  /**
   * Hands the chunk's memory (its table's columns and its text's bytes) back for the next chunk:
   * call it once the chunk is stored and nothing reads it any more. Not calling it is fine.
   */
  release?: () => void;
}

/** GDELT's own Source: a machine-coded dataset, a lead generator rather than a witness. */
export function gdeltSource(): Source {
  return buildSource({
    name: 'GDELT Project',
    domain: 'gdeltproject.org',
    kind: 'dataset',
    reliabilityRationale: 'Machine-coded media reports; not graded.',
  });
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** `20180326044500` (a GDELT file stamp) → ISO date-time, or null. */
export function gdeltStampTime(stamp: string): IsoDateTime | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  return Number.isNaN(Date.parse(iso)) ? null : (iso as IsoDateTime);
}

/** Whole non-negative number from the decimal digits of s[from, to), or -1. Avoids Number()'s leniency (' 1e3 '). */
function digitsAt(s: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Turns GDELT 2.0 export rows into Claims. Keeps small caches (days, actors, places) so the work per
 * row is a field split and a few map look-ups; caches are cleared when they grow past a bound, so
 * memory stays flat whatever the input size.
 */
export class GdeltEventRows {
  readonly source = gdeltSource();
  private readonly days = new Map<string, DayEntry | null>();
  private readonly frameActors = new Map<string, FrameActor>();
  private readonly placeRefs = new Map<string, PlaceRef | null>();
  /** Actors and places first seen since the last `drain`: what the next chunk must upsert. */
  private newActors: Actor[] = [];
  private newPlaces: Place[] = [];
  private readonly fields = new Int32Array(GDELT_EXPORT_COLUMNS + 1);

  constructor(
    private readonly ctx: GdeltContext,
    private readonly filter: GdeltRowFilter = {},
  ) {}

  drainNew(): { actors: Actor[]; places: Place[] } {
    const out = { actors: this.newActors, places: this.newPlaces };
    this.newActors = [];
    this.newPlaces = [];
    return out;
  }

  /** The day an SQLDATE names, with one shared TimeSpan object per day (rows never modify it). */
  private day(value: string): DayEntry | null {
    let d = this.days.get(value);
    if (d === undefined) {
      const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
      d =
        /^\d{8}$/.test(value) && isIsoDate(iso)
          ? { day: iso, span: { start: iso, end: iso, precision: 'day' }, slot: newTableSlot() }
          : null;
      if (this.days.size > 50_000) this.days.clear();
      this.days.set(own(value), d);
    }
    return d;
  }

  private actor(
    code: string,
    name: string,
    country: string,
    type: string,
    role: FrameActor['role'],
  ): FrameActor | null {
    if (!code) return null;
    const key = `${role}\u001f${code}\u001f${name}\u001f${country}\u001f${type}`;
    let fa = this.frameActors.get(key);
    if (!fa) {
      const id = actorId({ code, name });
      const countryName = country ? this.ctx.countryName(country) : null;
      const typeLabel = type ? this.ctx.actorTypeLabel(type) : null;
      const canonical = [countryName, typeLabel].filter(Boolean).join(' ') || titleCase(name) || code;
      this.newActors.push(
        buildActor({
          id,
          name: canonical,
          kind: code.length === 3 && countryName ? 'state' : typeLabel ? 'sector' : 'other',
          country: country || null,
          codes: [code],
          aliases: name && titleCase(name) !== canonical ? [titleCase(name)] : [],
        }),
      );
      fa = { id, name: canonical, code, role };
      if (this.frameActors.size > 100_000) this.frameActors.clear();
      this.frameActors.set(key, fa);
    }
    return fa;
  }

  private place(
    geoType: string,
    name: string,
    fips: string,
    latText: string,
    lonText: string,
    feature: string,
  ): PlaceRef | null {
    const key = `${geoType}\u001f${feature}\u001f${latText}\u001f${lonText}\u001f${fips}\u001f${name}`;
    let ref = this.placeRefs.get(key);
    if (ref !== undefined) return ref;
    ref = null;
    const type = Number(geoType);
    const lat = latText === '' ? Number.NaN : Number(latText);
    const lon = lonText === '' ? Number.NaN : Number(lonText);
    const located = Number.isFinite(lat) && Number.isFinite(lon);
    const fipsCountry = fips ? (this.ctx.fipsToIso3?.(fips) ?? null) : null;
    if (type > 0 && (located || fipsCountry)) {
      const hit = located ? this.ctx.locator.locate(lat, lon) : null;
      // Type 1 rows are pinned to the country's centroid: the admin-1 unit under that point is an
      // accident of geometry, not information, so only the country is kept. The country comes from
      // the coordinates (de jure borders, data/geo/NOTICE.md), else from GDELT's FIPS code mapped to
      // ISO-3 — never from the FIPS code read as if it were ISO.
      const country = hit?.country ?? fipsCountry;
      const countryLevel = type === 1;
      const p = buildPlace({
        name: name || hit?.name || 'Unknown place',
        level: countryLevel ? 'country' : type === 2 || type === 5 ? 'admin1' : 'city',
        gazetteerId:
          countryLevel && country ? `iso:${country}` : `gdelt:${feature || (located ? `${lat},${lon}` : name)}`,
        country,
        admin1: countryLevel ? null : (hit?.admin1 ?? null),
        lat: located ? lat : null,
        lon: located ? lon : null,
      });
      this.newPlaces.push(p);
      ref = { id: p.id, name: p.name, level: p.level, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon };
    }
    if (this.placeRefs.size > 200_000) this.placeRefs.clear();
    this.placeRefs.set(key, ref);
    return ref;
  }

  /** Actor blocks by role: one map each, so a look-up hashes the row's own text, not a built key. */
  private readonly actorBlocks = { source: new Map<string, ActorBlock>(), target: new Map<string, ActorBlock>() };
  private readonly placeBlocks = new Map<string, PlaceBlock>();
  private readonly eventBlocks = new Map<string, EventColumns | null>();

  /** Actor columns (code, name, country, group, ethnic, 2 religions, 3 types) as one tab-joined block. */
  private actorBlock(raw: string, role: 'source' | 'target'): ActorBlock {
    const blocks = this.actorBlocks[role];
    let hit = blocks.get(raw);
    if (!hit) {
      const block = own(raw);
      const c = block.split('\t').map(own);
      const country = c[2] ?? '';
      hit = { actor: this.actor(c[0] ?? '', c[1] ?? '', country, c[7] ?? '', role), country, slot: newTableSlot() };
      if (blocks.size > 100_000) blocks.clear();
      blocks.set(block, hit);
    }
    return hit;
  }

  /** ActionGeo columns (type, full name, country, ADM1, ADM2, lat, long, feature id) as one block. */
  private placeBlock(raw: string): PlaceBlock {
    let hit = this.placeBlocks.get(raw);
    if (!hit) {
      const block = own(raw);
      const c = block.split('\t').map(own);
      const geoType = c[0] ?? '';
      const latText = c[5] ?? '';
      const lonText = c[6] ?? '';
      hit = {
        place:
          geoType === '' || geoType === '0'
            ? null
            : this.place(geoType, c[1] ?? '', c[2] ?? '', latText, lonText, c[7] ?? ''),
        lat: latText === '' ? Number.NaN : Number(latText),
        lon: lonText === '' ? Number.NaN : Number(lonText),
        slot: newTableSlot(),
      };
      if (this.placeBlocks.size > 200_000) this.placeBlocks.clear();
      this.placeBlocks.set(block, hit);
    }
    return hit;
  }

  /** Event columns (code, base code, root code, quad class, Goldstein) as one block; null if malformed. */
  private event(raw: string): EventColumns | null {
    let hit = this.eventBlocks.get(raw);
    if (hit === undefined) {
      const block = own(raw);
      const c = block.split('\t').map(own);
      const code = c[0] ?? '';
      if (!/^\d{2,4}$/.test(code)) hit = null;
      else {
        const entry = this.ctx.codebook.lookup(code);
        const quad = Number(c[3]);
        const goldsteinText = c[4] === '' || c[4] === undefined ? Number.NaN : Number(c[4]);
        const plover = entry?.plover ?? null;
        const quadClass =
          quad >= 1 && quad <= 4 && Number.isInteger(quad) ? (quad as QuadClass) : (entry?.quadClass ?? null);
        const goldstein = Number.isFinite(goldsteinText) ? goldsteinText : (entry?.goldstein ?? null);
        hit = {
          code,
          plover,
          quadClass,
          goldstein,
          coding: { cameo: code, plover, quadClass, goldstein },
          slot: newTableSlot(),
        };
      }
      if (this.eventBlocks.size > 50_000) this.eventBlocks.clear();
      this.eventBlocks.set(block, hit);
    }
    return hit;
  }

  // What `parse` found in the last row it accepted (fields of the instance, not a fresh object per row).
  private record = 0;
  private dated: DayEntry | null = null;
  private coded: EventColumns | null = null;
  private first: ActorBlock | null = null;
  private second: ActorBlock | null = null;
  private geo: PlaceBlock | null = null;
  private urlStart = 0;

  /**
   * Parses one row into the fields above. Returns a rejection reason for a broken row, `null` for a
   * row the filter leaves out, `true` for a row to keep.
   */
  private parse(line: string): true | string | null {
    const fields = this.fields;
    let n = 0;
    fields[0] = -1;
    for (let i = line.indexOf('\t'); i !== -1; i = line.indexOf('\t', i + 1)) {
      if (++n >= GDELT_EXPORT_COLUMNS) break;
      fields[n] = i;
    }
    if (n !== GDELT_EXPORT_COLUMNS - 1) {
      const found = n >= GDELT_EXPORT_COLUMNS ? 'more' : String(n + 1);
      return `expected ${GDELT_EXPORT_COLUMNS} tab-separated columns, found ${found}`;
    }
    fields[GDELT_EXPORT_COLUMNS] = line.length;
    // Blocks of adjacent columns (an actor's ten, the event's five, the action place's eight) repeat
    // across rows, so each block is read once and then found by its raw text. (No closures here:
    // this runs once per row, millions of times.)
    const record = digitsAt(line, 0, fields[COL.id + 1] as number);
    const dated = this.day(line.slice((fields[COL.sqlDate] as number) + 1, fields[COL.sqlDate + 1] as number));
    const event = this.event(line.slice((fields[COL.eventCode] as number) + 1, fields[COL.goldstein + 1] as number));
    if (record < 0 || !dated || !event) {
      return 'GLOBALEVENTID, SQLDATE or EventCode is missing or malformed';
    }
    const day = dated.day;
    const f = this.filter;
    if ((f.from && day < f.from) || (f.to && day > f.to)) return null;
    if (f.cameoRoots && !f.cameoRoots.includes(event.code.slice(0, 2))) return null;
    const a1 = this.actorBlock(
      line.slice((fields[COL.actor1Code] as number) + 1, fields[COL.actor1Code + 10] as number),
      'source',
    );
    const a2 = this.actorBlock(
      line.slice((fields[COL.actor2Code] as number) + 1, fields[COL.actor2Code + 10] as number),
      'target',
    );
    if (f.actorCountries && !f.actorCountries.includes(a1.country) && !f.actorCountries.includes(a2.country))
      return null;
    const geo = this.placeBlock(line.slice((fields[COL.geoType] as number) + 1, fields[COL.geoFeature + 1] as number));
    if (f.bbox) {
      const [w, s, e, nn] = f.bbox;
      const { lat, lon } = geo;
      if (!(lat >= s && lat <= nn && (w <= e ? lon >= w && lon <= e : lon >= w || lon <= e))) return null;
    }
    this.record = record;
    this.dated = dated;
    this.coded = event;
    this.first = a1;
    this.second = a2;
    this.geo = geo;
    this.urlStart = (fields[COL.sourceUrl] as number) + 1;
    return true;
  }

  /**
   * Reads one row into a claim citing `documentId` at `start`. Returns a rejection reason for a
   * broken row, `null` for a row the filter leaves out.
   */
  read(line: string, documentId: Document['id'], start: number): Claim | string | null {
    const parsed = this.parse(line);
    if (parsed !== true) return parsed;
    const event = this.coded as EventColumns;
    const a1 = (this.first as ActorBlock).actor;
    const a2 = (this.second as ActorBlock).actor;
    const actors: FrameActor[] = [];
    if (a1) actors.push(a1);
    if (a2) actors.push(a2);
    const url = line.slice(this.urlStart);
    return {
      id: datasetClaimId('gdelt-events', this.record),
      documentId,
      start,
      end: start + line.length,
      quote: line,
      speaker: null,
      stance: 'asserts',
      negated: false,
      hypothetical: false,
      frame: {
        actors,
        cameo: event.code,
        plover: event.plover,
        quadClass: event.quadClass,
        goldstein: event.goldstein,
        place: (this.geo as PlaceBlock).place,
        time: (this.dated as DayEntry).span,
        quantities: NO_QUANTITIES,
      },
      extractor: EXTRACTOR,
      dataset: { dataset: 'gdelt', recordId: String(this.record), url: url || null },
    };
  }

  /**
   * Reads one row into `table` as a row quoting the document text at `start` (the bulk path: no
   * object per row). Returns what `read` does, with `true` for a row added.
   */
  readInto(line: string, start: number, table: DatasetClaimTableBuilder): true | string | null {
    const parsed = this.parse(line);
    if (parsed !== true) return parsed;
    const event = this.coded as EventColumns;
    const a1 = this.first as ActorBlock;
    const a2 = this.second as ActorBlock;
    const geo = this.geo as PlaceBlock;
    const dated = this.dated as DayEntry;
    const hasUrl = this.urlStart < line.length;
    // A frame lists its actors in order, so a row with only actor 2 has it first.
    const i1 = a1.actor ? table.index('actors', a1.actor, a1.slot) : -1;
    const i2 = a2.actor ? table.index('actors', a2.actor, a2.slot) : -1;
    table.add(
      this.record,
      start,
      start + line.length,
      hasUrl ? this.urlStart : -1,
      hasUrl ? line.length : -1,
      i1 >= 0 ? i1 : i2,
      i1 >= 0 ? i2 : -1,
      table.index('codingValues', event.coding, event.slot),
      table.index('timeValues', dated.span, dated.slot),
      geo.place ? table.index('placeValues', geo.place, geo.slot) : -1,
    );
    return true;
  }
}

const isPrintableAscii = (c: number) => c > 32 && c < 127;

/** A table builder for GDELT events-export rows. */
export function gdeltEventTable(capacity?: number, storage?: ArrayBufferLike): DatasetClaimTableBuilder {
  return new DatasetClaimTableBuilder('gdelt-events', 'gdelt', EXTRACTOR, capacity, storage);
}

/** SHA-256 of a string's UTF-8 bytes, natively (the core's portable hash is slow for megabytes). */
export function nativeTextHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface DatasetFileInfo {
  /** How the file is named in titles and messages. */
  name: string;
  /** Where it was downloaded from, if it was. */
  url?: string | null;
  retrieved: IsoDateTime;
  /** SHA-256 of the archived original file. */
  originalHash?: string | null;
  /** When the dataset published the file (GDELT's 15-minute stamp). */
  published?: IsoDateTime | null;
}

/** The Document for rows [firstLine, lastLine] of a dataset file: the kept rows' text, one per line. */
export function datasetSliceDocument(
  file: DatasetFileInfo,
  label: string,
  text: string,
  firstLine: number,
  lastLine: number,
  source: Source,
  mediaType = 'text/tab-separated-values',
): Document {
  return buildDocument({
    ...sliceDraft(file, label, firstLine, lastLine, source, mediaType),
    text,
    contentHash: nativeTextHash(text),
  });
}

/** What a slice's Document says besides its text: the same for a slice held as text or as bytes. */
function sliceDraft(
  file: DatasetFileInfo,
  label: string,
  firstLine: number,
  lastLine: number,
  source: Source,
  mediaType: string,
): Omit<DocumentDraft, 'text' | 'contentHash' | 'id'> {
  const base = file.name.split('/').pop() ?? file.name;
  return {
    title: `${label} ${base}, lines ${firstLine.toLocaleString('en-US')}–${lastLine.toLocaleString('en-US')}`,
    retrieved: file.retrieved,
    url: file.url ? `${file.url}#lines=${firstLine}-${lastLine}` : null,
    publisher: source.name,
    published: file.published ?? null,
    language: 'und',
    mediaType,
    sourceId: source.id,
    originalHash: file.originalHash ?? null,
  };
}

const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function utf8Hash(utf8: DocumentUtf8): string {
  const hash = createHash('sha256');
  for (const part of utf8.parts) hash.update(part);
  return hash.digest('hex');
}

/**
 * `datasetSliceDocument` for a slice held as the UTF-8 bytes of its rows (`LineBytesJoin`) and the
 * length of their text. Its text, hash and id are worked out only if something reads them: the
 * SQLite store derives the hash and id on its writer thread and stores the bytes as they are.
 */
export function datasetSliceDocumentFromUtf8(
  file: DatasetFileInfo,
  label: string,
  utf8: DocumentUtf8,
  firstLine: number,
  lastLine: number,
  source: Source,
  mediaType = 'text/tab-separated-values',
): Document {
  return buildDocumentFromUtf8(sliceDraft(file, label, firstLine, lastLine, source, mediaType), utf8, {
    decode: (u) => utf8Decoder.decode(Buffer.concat(u.parts)),
    hash: utf8Hash,
  });
}

/**
 * Streams a GDELT 2.0 events export (raw bytes, any size) into chunks of at most `chunkRows` kept
 * rows. Each chunk is a Document holding those rows and a table of their claims (columns, not an
 * object per row); memory holds one chunk.
 */
export async function* readGdeltEvents(
  input: AsyncIterable<Uint8Array>,
  file: DatasetFileInfo,
  ctx: GdeltContext,
  options: { filter?: GdeltRowFilter; chunkRows?: number } = {},
): AsyncGenerator<GdeltChunk> {
  // 5,000 rows (~2 MB of text): per-slice costs (a transaction, a document, a segment) are small
  // beside the rows, and the text held per slice stays small enough to keep peak memory low.
  const chunkRows = options.chunkRows ?? 5_000;
  const rows = new GdeltEventRows(ctx, options.filter);
  const capacity = Math.min(chunkRows, 1 << 16);
  // A slice's memory: its table's columns, then its text's bytes, in one buffer. Sized for ~440 bytes a row
  // (GDELT averages ~400): a held slice (see gdeltEventFileChunks) costs little more than its rows,
  // and a buffer that must grow does so once, by a quarter; the pool then hands out the grown size.
  const textAt = DatasetClaimTableBuilder.storageBytes(capacity);
  const pool = new SliceBufferPool();
  let buffer = pool.take(textAt + capacity * 440);
  const table = gdeltEventTable(capacity, buffer);
  // Kept rows as the bytes they were read from: the slice's text is never built as a string here.
  const kept = new LineBytesJoin(new Uint8Array(buffer, textAt), (need, length) => {
    const grown = pool.take(Math.max(textAt + need, Math.floor(buffer.byteLength * 1.25)));
    new Uint8Array(grown).set(new Uint8Array(buffer, 0, textAt + length));
    table.moveTo(grown);
    buffer = grown;
    return new Uint8Array(grown, textAt);
  });
  let rejected: RowRejection[] = [];
  let filtered = 0;
  let lines = 0;
  let offset = 0;
  let firstLine = 1;
  let lastLine = 0;
  let sawAny = false;

  const flush = (): GdeltChunk => {
    // Copied in before the buffer changes (copying may grow it).
    kept.flush();
    const held = buffer;
    buffer = pool.take(held.byteLength);
    const text = kept.take(new Uint8Array(buffer, textAt));
    // offset is one past the last kept row's newline: the text's length, plus one when it has rows.
    const documentUtf8 = { parts: text.length ? [text] : [], length: Math.max(0, offset - 1) };
    const document = datasetSliceDocumentFromUtf8(
      file,
      'GDELT 2.0 events export',
      documentUtf8,
      firstLine,
      lastLine,
      rows.source,
    );
    const fresh = rows.drainNew();
    let released = false;
    const chunk: GdeltChunk = {
      sources: [rows.source],
      document,
      documentUtf8,
      actors: fresh.actors,
      places: fresh.places,
      table: table.build(),
      memory: { buffer: held, reuse: (b) => pool.give(b) },
      lines,
      filtered,
      rejected,
      release: () => {
        if (released) return;
        released = true;
        // A buffer the store moved to another thread is empty here; the store hands it back itself.
        pool.give(held);
      },
    };
    table.reset(buffer);
    rejected = [];
    filtered = 0;
    lines = 0;
    offset = 0;
    firstLine = lastLine + 1;
    return chunk;
  };

  for await (const batch of textLines(input, { name: file.name })) {
    const invalid = batch.invalid.length ? new Map(batch.invalid.map((r) => [r.line, r.reason])) : null;
    const { bytes, spans } = batch;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i] as string;
      const lineNo = batch.firstLine + i;
      lastLine = lineNo;
      lines++;
      const bad = invalid?.get(lineNo);
      if (bad) rejected.push({ line: lineNo, reason: bad });
      // A line starting with a printable ASCII character is not blank: no trim for those.
      else if (line.length !== 0 && (isPrintableAscii(line.charCodeAt(0)) || line.trim() !== '')) {
        sawAny = true;
        const result = rows.readInto(line, offset, table);
        if (typeof result === 'string') rejected.push({ line: lineNo, reason: result });
        else if (result === null) filtered++;
        else {
          kept.add(bytes, spans[2 * i] as number, spans[2 * i + 1] as number);
          offset += line.length + 1;
        }
      }
      if (table.length >= chunkRows) yield flush();
    }
    // The run pending is copied before the bytes it lies in are let go.
    kept.flush();
  }
  if (!sawAny && rejected.length === 0) {
    throw new InvalidInputError(`${file.name}: empty file, expected GDELT 2.0 export rows`);
  }
  if (lines > 0) yield flush();
}

/**
 * Reads a whole GDELT 2.0 events export held in memory (a small file: the demo, tests): the file is
 * one Document and each row a Claim quoting it. Large files go through `readGdeltEvents`.
 */
export function readGdeltExport(
  text: string,
  file: { name: string; url?: string | null; retrieved: IsoDateTime },
  ctx: GdeltContext,
): GdeltReadResult {
  if (!text.trim()) throw new InvalidInputError(`${file.name}: empty file, expected GDELT 2.0 export rows`);
  const rows = new GdeltEventRows(ctx);
  const document = buildDocument({
    title: `GDELT 2.0 events export ${file.name.split('/').pop() ?? file.name}`,
    text,
    retrieved: file.retrieved,
    url: file.url ?? null,
    publisher: 'GDELT Project',
    language: 'und',
    mediaType: 'text/tab-separated-values',
    sourceId: rows.source.id,
  });
  const claims: Claim[] = [];
  const rejected: RowRejection[] = [];
  let lineStart = 0;
  let lineNo = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    lineNo++;
    const contentEnd = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const line = text.slice(lineStart, contentEnd);
    const start = lineStart;
    lineStart = lineEnd + 1;
    if (!line.trim()) continue;
    const result = rows.read(line, document.id, start);
    if (typeof result === 'string') rejected.push({ line: lineNo, reason: result });
    else if (result) claims.push(result);
  }
  const fresh = rows.drainNew();
  return { document, source: rows.source, claims, actors: fresh.actors, places: fresh.places, rejected };
}
