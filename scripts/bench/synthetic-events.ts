// Synthetic GDELT 2.0 imports for the scale-out benchmark. The real export sample in data/gdelt is
// read through the product's own GDELT reader, and every synthetic row draws its parts from what that
// produced: who (the actor pair of one real row), what (CAMEO code, PLOVER type, quad class and
// Goldstein score of another), where (the resolved place, with ISO admin-1 and coordinates, of a
// third), and how many days before its file's timestamp the event happened (the sample's own spread
// of event dates against its file time). Rows come in 15-minute export files, in time order, as a
// live import would see them; each file becomes one Document with one Claim and one Event per row,
// shaped as the import and corroboration produce them. A seeded PRNG makes every run identical.
import {
  type Actor,
  type Claim,
  type ClaimId,
  type Credibility,
  corroborate,
  type Document,
  type DocumentId,
  type Event,
  type EventFrame,
  type EventId,
  type EventStatus,
  epochDay,
  type IsoDate,
  type IsoDateTime,
  type OriginId,
  type Place,
  type Source,
  type StoreChanges,
  textHash,
} from '@parallax/core';
import { ReferenceData, readGdeltExportFile } from '@parallax/runtime';

const SAMPLE = new URL('../../data/gdelt/samples/20180326044500.export.CSV', import.meta.url).pathname;

/** mulberry32, seeded. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the generator draws from, taken from the real sample. */
export interface SampleProfile {
  source: Source;
  actors: Actor[];
  places: Place[];
  frames: EventFrame[];
  /** Days between each row's event date and its file's date (0 for most, up to a year for a few). */
  dayOffsets: number[];
  /** Credibility and status of the events corroboration made from the sample rows. */
  grades: { credibility: Credibility; status: EventStatus }[];
}

export function loadSampleProfile(path = SAMPLE): SampleProfile {
  const clock = { now: () => '2018-03-26T04:45:00.000Z' as IsoDateTime };
  const file = readGdeltExportFile(path, new ReferenceData(), clock);
  const fileDay = epochDay('2018-03-26' as IsoDate);
  const frames = file.claims.map((c) => c.frame);
  return {
    source: file.source,
    actors: file.actors,
    places: file.places,
    frames,
    dayOffsets: frames.flatMap((f) => (f.time ? [Math.max(0, fileDay - epochDay(f.time.start))] : [])),
    grades: corroborate(file.claims, {
      documents: new Map([[file.document.id, file.document]]),
      sources: new Map([[file.source.id, file.source]]),
    }).map((e) => ({ credibility: e.credibility, status: e.status })),
  };
}

export interface SyntheticOptions {
  events: number;
  /** Rows per 15-minute export file (GDELT averages about 1,500). */
  rowsPerFile?: number;
  /** Export files per change set handed to Store.apply. */
  filesPerChangeSet?: number;
  /** First file's timestamp, and how many days the files cover. */
  start?: IsoDate;
  days?: number;
  seed?: number;
}

/** Fast deterministic ids in the product's shape (`evt_` + 20 hex digits). */
function idMaker(seed: number): (prefix: string) => string {
  const rnd = seededRandom(seed ^ 0x5bd1e995);
  const hex = () =>
    Math.floor(rnd() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return (prefix) => `${prefix}_${hex()}${hex()}${hex().slice(0, 4)}`;
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10) as IsoDate;

/** Yields change sets in time order until `events` rows have been produced. */
export function* syntheticImports(profile: SampleProfile, options: SyntheticOptions): Generator<StoreChanges> {
  const rowsPerFile = options.rowsPerFile ?? 1500;
  const filesPerSet = options.filesPerChangeSet ?? 20;
  const files = Math.ceil(options.events / rowsPerFile);
  const first = epochDay(options.start ?? ('2024-01-01' as IsoDate));
  const spanMs = (options.days ?? 365) * 86_400_000;
  const rnd = seededRandom(options.seed ?? 7);
  const id = idMaker(options.seed ?? 7);
  const draw = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  let row = 0;
  let sentReference = false;
  for (let f = 0; f < files; f += filesPerSet) {
    const documents: Document[] = [];
    const claims: Claim[] = [];
    const events: Event[] = [];
    for (let k = f; k < Math.min(files, f + filesPerSet); k++) {
      const fileMs = first * 86_400_000 + Math.floor((k / files) * spanMs);
      const fileDay = Math.floor(fileMs / 86_400_000);
      const stamp = new Date(fileMs).toISOString().replace(/\D/g, '').slice(0, 14);
      const docId = id('doc') as DocumentId;
      const lines: string[] = [];
      const fileClaims: Claim[] = [];
      const fileEvents: Event[] = [];
      let offset = 0;
      for (let r = 0; r < rowsPerFile && row < options.events; r++, row++) {
        const who = draw(profile.frames);
        const what = draw(profile.frames);
        const where = draw(profile.frames);
        const day = isoDay(fileDay - draw(profile.dayOffsets));
        const url = `https://news${Math.floor(rnd() * 5000)}.example/${stamp}/${row}`;
        const line = [
          900000000 + row,
          day.replace(/-/g, ''),
          ...who.actors.map((a) => a.code ?? ''),
          what.cameo ?? '',
          what.quadClass ?? '',
          what.goldstein ?? '',
          where.place?.name ?? '',
          where.place?.lat ?? '',
          where.place?.lon ?? '',
          url,
        ].join('\t');
        const frame: EventFrame = {
          actors: who.actors,
          cameo: what.cameo,
          plover: what.plover,
          quadClass: what.quadClass,
          goldstein: what.goldstein,
          place: where.place,
          time: { start: day, end: day, precision: 'day' },
          quantities: [],
        };
        const claim: Claim = {
          id: id('clm') as ClaimId,
          documentId: docId,
          start: offset,
          end: offset + line.length,
          quote: line,
          speaker: null,
          stance: 'asserts',
          negated: false,
          hypothetical: false,
          frame,
          extractor: 'gdelt',
          dataset: { dataset: 'gdelt', recordId: String(900000000 + row), url },
        };
        const grade = draw(profile.grades);
        fileEvents.push({
          id: id('evt') as EventId,
          claimIds: [claim.id],
          frame,
          origins: [
            {
              id: id('org') as OriginId,
              kind: 'dataset-article',
              label: url,
              actorId: null,
              sourceId: profile.source.id,
              documentIds: [docId],
              claimIds: [claim.id],
              interested: false,
            },
          ],
          credibility: grade.credibility,
          rationale: `1 independent origin: ${url} (dataset-article). Graded ${grade.credibility}.`,
          status: grade.status,
          contradictions: [],
          firstReported: new Date(fileMs).toISOString() as IsoDateTime,
        });
        fileClaims.push(claim);
        lines.push(line);
        offset += line.length + 1;
      }
      const text = lines.join('\n');
      documents.push({
        id: docId,
        sourceId: profile.source.id,
        url: `bench://gdelt/${stamp}.export.CSV`,
        title: `${stamp}.export.CSV`,
        author: null,
        publisher: 'GDELT Project',
        published: new Date(fileMs).toISOString() as IsoDateTime,
        retrieved: new Date(fileMs).toISOString() as IsoDateTime,
        language: 'und',
        mediaType: 'text/tab-separated-values',
        text,
        contentHash: textHash(text),
        originalHash: null,
        syndicatedFrom: null,
        retracted: null,
      });
      claims.push(...fileClaims);
      events.push(...fileEvents);
    }
    const reference = sentReference
      ? {}
      : { sources: [profile.source], actors: profile.actors, places: profile.places };
    sentReference = true;
    yield { ...reference, documents, claims, events };
  }
}
