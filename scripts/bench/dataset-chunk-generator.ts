// Synthetic GDELT-shaped dataset slices for the scale-out benchmark: what `parallax import gdelt`
// hands to `Store.appendDatasetChunk` (a Document holding the slice's rows as tab-separated text and
// a DatasetClaimTable of their claims, one per row), drawn from the same distributions as
// event-generator.ts (actor pairs, CAMEO codes, Goldstein scores and places of the real export
// sample, days spread over a year from 2024-01-01) with a seeded PRNG, so every process that
// generates N rows gets the same rows. Also the Events the workbench queries: one per claim, as
// corroboration makes of a claim no other claim joins.
import {
  type Actor,
  actorId,
  buildActor,
  buildDocument,
  type ClaimId,
  contentId,
  type DatasetChunk,
  DatasetClaimTableBuilder,
  type DatasetCoding,
  datasetTableClaim,
  type Event,
  type EventId,
  type FrameActor,
  type IsoDate,
  type IsoDateTime,
  newTableSlot,
  type PlaceRef,
  type QuadClass,
  type TableSlot,
  type TimeSpan,
  textHash,
} from '@parallax/core';
import { gdeltSource } from '@parallax/ingest';
import { codebook, placeOfRow, type Row, sampleRows, seededRandom } from './event-generator.ts';

/** Rows per slice: `parallax import gdelt`'s default. */
export const SLICE_ROWS = 5000;
/** GLOBALEVENTID of the first synthetic row (a range real exports have not reached). */
const FIRST_RECORD = 2_000_000_000;

interface Shared<T> {
  value: T;
  slot: TableSlot;
}

function shared<T>(value: T): Shared<T> {
  return { value, slot: newTableSlot() };
}

const STATUSES = ['reported', 'reported', 'reported', 'corroborated', 'confirmed', 'disputed', 'denied'] as const;

/**
 * Yields `total` rows as slices of `sliceRows`. The slices' text is a compact tab-separated line per
 * row (record number, day, actor codes, CAMEO code, quad class, Goldstein, country, admin-1,
 * coordinates, place name: ~90 bytes, where a real 61-column row is ~400), which is what stores keep
 * as the slice's Document text.
 */
export function* syntheticDatasetChunks(
  total: number,
  sliceRows = SLICE_ROWS,
  days = 365,
  seed = 7,
): Generator<DatasetChunk> {
  const rows = sampleRows();
  const book = codebook();
  const rnd = seededRandom(seed);
  const pick = () => rows[Math.floor(rnd() * rows.length)] as Row;
  const source = gdeltSource();
  const retrieved = '2024-12-31T00:00:00.000Z' as IsoDateTime;

  // Shared values, built once: the table builder lists each once per slice through its slot.
  const actorByCode = new Map<string, { source: Shared<FrameActor>; target: Shared<FrameActor>; actor: Actor }>();
  const actorOf = (code: string) => {
    let a = actorByCode.get(code);
    if (!a) {
      const id = actorId({ code, name: code });
      a = {
        source: shared<FrameActor>({ id, name: code, code, role: 'source' }),
        target: shared<FrameActor>({ id, name: code, code, role: 'target' }),
        actor: buildActor({ id, name: code, codes: [code] }),
      };
      actorByCode.set(code, a);
    }
    return a;
  };
  const codingOf = new Map<Row, Shared<DatasetCoding>>();
  const placeOf = new Map<Row, Shared<PlaceRef> | null>();
  const base = Date.UTC(2024, 0, 1) / 86_400_000;
  const dayValues: Shared<TimeSpan>[] = Array.from({ length: days }, (_, d) => {
    const iso = new Date((base + d) * 86_400_000).toISOString().slice(0, 10) as IsoDate;
    return shared<TimeSpan>({ start: iso, end: iso, precision: 'day' });
  });

  let record = FIRST_RECORD;
  for (let first = 0; first < total; first += sliceRows) {
    const n = Math.min(sliceRows, total - first);
    const builder = new DatasetClaimTableBuilder('gdelt-events', 'gdelt', 'gdelt-export', n);
    const newActors: Actor[] = [];
    const lines: string[] = [];
    let offset = 0;
    for (let i = 0; i < n; i++) {
      // Fields drawn independently from different sample rows, so combinations go beyond the sample.
      const who = pick();
      const what = pick();
      const where = pick();
      const d = Math.floor(rnd() * days);
      const noteActor = (code: string) => {
        const known = actorByCode.has(code);
        const a = actorOf(code);
        if (!known) newActors.push(a.actor);
        return a;
      };
      const a1 = who.a1 ? builder.index('actors', noteActor(who.a1).source.value, noteActor(who.a1).source.slot) : -1;
      const a2 =
        who.a2 && who.a2 !== who.a1
          ? builder.index('actors', noteActor(who.a2).target.value, noteActor(who.a2).target.slot)
          : -1;
      let coding = codingOf.get(what);
      if (!coding) {
        const entry = book.lookup(what.code);
        coding = shared<DatasetCoding>({
          cameo: what.code,
          plover: entry?.plover ?? null,
          quadClass: (what.quad >= 1 && what.quad <= 4 ? what.quad : null) as QuadClass | null,
          goldstein: what.goldstein,
        });
        codingOf.set(what, coding);
      }
      let place = placeOf.get(where);
      if (place === undefined) {
        const own = placeOfRow(where);
        place = own ? shared<PlaceRef>(own) : null;
        placeOf.set(where, place);
      }
      const day = dayValues[d] as Shared<TimeSpan>;
      const line = [
        record,
        day.value.start.replaceAll('-', ''),
        who.a1,
        who.a2,
        what.code,
        what.quad,
        what.goldstein,
        where.country ?? '',
        where.admin1 ?? '',
        where.lat ?? '',
        where.lon ?? '',
        where.placeName,
      ].join('\t');
      builder.add(
        record,
        offset,
        offset + line.length,
        -1,
        -1,
        a1,
        a2,
        builder.index('codingValues', coding.value, coding.slot),
        builder.index('timeValues', day.value, day.slot),
        place ? builder.index('placeValues', place.value, place.slot) : -1,
      );
      lines.push(line);
      offset += line.length + 1;
      record++;
    }
    const text = lines.join('\n');
    const document = buildDocument({
      title: `GDELT 2.0 events export synthetic.export.CSV, lines ${(first + 1).toLocaleString('en-US')}–${(first + n).toLocaleString('en-US')}`,
      text,
      contentHash: textHash(text),
      retrieved,
      url: null,
      publisher: source.name,
      published: null,
      language: 'und',
      mediaType: 'text/tab-separated-values',
      sourceId: source.id,
      originalHash: null,
    });
    yield {
      sources: first === 0 ? [source] : [],
      document,
      actors: newActors,
      places: [],
      table: builder.build(),
    };
  }
}

/**
 * The Events of a slice's claims, one per claim, with a credibility and status drawn from `rnd`
 * (pass one PRNG for the whole run so every store gets the same events).
 */
export function chunkEvents(chunk: DatasetChunk, rnd: () => number): Event[] {
  const table = chunk.table;
  if (!table) return [];
  const text = chunk.document.text;
  const out: Event[] = new Array(table.length);
  for (let i = 0; i < table.length; i++) {
    const claim = datasetTableClaim(
      table,
      chunk.document.id,
      i,
      text.slice(table.starts[i] as number, table.ends[i] as number),
    );
    out[i] = {
      id: contentId('evt', claim.id) as EventId,
      claimIds: [claim.id as ClaimId],
      frame: claim.frame,
      origins: [],
      credibility: (1 + Math.floor(rnd() ** 2 * 6)) as Event['credibility'],
      rationale: '',
      status: STATUSES[Math.floor(rnd() * STATUSES.length)] ?? 'reported',
      contradictions: [],
      firstReported: null,
    };
  }
  return out;
}
