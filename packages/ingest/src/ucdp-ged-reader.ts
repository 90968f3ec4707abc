import {
  type Actor,
  actorId,
  buildActor,
  buildPlace,
  buildSource,
  type CameoCodebook,
  type Claim,
  datasetClaimId,
  type FrameActor,
  InvalidInputError,
  type IsoDate,
  isIsoDate,
  type Place,
  type PlaceRef,
  type Source,
  type TimePrecision,
} from '@parallax/core';
import type { Admin1Locator } from './admin1-locator.ts';
import { csvRecords } from './csv-records.ts';
import {
  type DatasetFileInfo,
  datasetSliceDocument,
  type GdeltChunk,
  type RowRejection,
} from './gdelt-export-reader.ts';

export interface UcdpContext {
  codebook: CameoCodebook;
  locator: Admin1Locator;
}

/** Columns a GED file must have; others are kept in the row text but not read. */
const REQUIRED = [
  'id',
  'type_of_violence',
  'side_a',
  'side_b',
  'where_prec',
  'where_coordinates',
  'latitude',
  'longitude',
  'date_prec',
  'date_start',
  'date_end',
  'best',
  'high',
  'low',
] as const;

/**
 * UCDP's violence types as CAMEO codes: state-based and non-state conflict are fighting with
 * conventional force (190), one-sided violence is violence against civilians (180). GED records only
 * events with at least one death, so these never need a milder code.
 */
const CAMEO_OF_VIOLENCE: Record<string, string> = { '1': '190', '2': '190', '3': '180' };

/** GED `date_prec`: 1 exact day, 2 a few days, 3 a week, 4 a month, 5 a year or longer. */
const PRECISION: Record<string, TimePrecision> = { '1': 'day', '2': 'range', '3': 'week', '4': 'month', '5': 'year' };

export function ucdpSource(): Source {
  return buildSource({
    name: 'Uppsala Conflict Data Program',
    domain: 'ucdp.uu.se',
    kind: 'dataset',
    reliabilityRationale: 'Hand-coded from multiple sources; not graded.',
  });
}

function day(value: string | undefined): IsoDate | null {
  const d = (value ?? '').slice(0, 10);
  return isIsoDate(d) ? d : null;
}

/**
 * Streams a UCDP Georeferenced Event Dataset CSV (header row, RFC 4180 quoting) into slices: each
 * event becomes a Claim with its sides as actors, the CAMEO code of its violence type, its place
 * and dates with GED's precision, and the death toll (best, with low and high) as a quantity.
 */
export async function* readUcdpGed(
  input: AsyncIterable<Uint8Array>,
  file: DatasetFileInfo,
  ctx: UcdpContext,
  options: { chunkRows?: number } = {},
): AsyncGenerator<GdeltChunk & { claims: Claim[] }> {
  const chunkRows = options.chunkRows ?? 10_000;
  const source = ucdpSource();
  let index: Record<string, number> = {};
  const actorsSeen = new Map<string, FrameActor>();
  let actors: Actor[] = [];
  let places = new Map<string, Place>();
  let claims: Claim[] = [];
  let kept: string[] = [];
  let rejected: RowRejection[] = [];
  let lines = 0;
  let offset = 0;
  let firstLine = 1;
  let lastLine = 0;

  const actor = (name: string, role: FrameActor['role']): FrameActor | null => {
    const n = name.trim();
    if (!n) return null;
    const key = `${role}:${n}`;
    let fa = actorsSeen.get(key);
    if (!fa) {
      const id = actorId({ name: n });
      actors.push(
        buildActor({ id, name: n, kind: /^government of /i.test(n) ? 'state' : 'armed-group', codes: [], aliases: [] }),
      );
      fa = { id, name: n, code: null, role };
      actorsSeen.set(key, fa);
    }
    return fa;
  };

  const flush = (): GdeltChunk & { claims: Claim[] } => {
    const text = kept.join('\n');
    const document = datasetSliceDocument(file, 'UCDP GED', text, firstLine, lastLine, source, 'text/csv');
    for (const c of claims) c.documentId = document.id;
    const chunk: GdeltChunk & { claims: Claim[] } = {
      sources: [source],
      document,
      actors,
      places: [...places.values()],
      claims,
      lines,
      filtered: 0,
      rejected,
    };
    actors = [];
    places = new Map();
    claims = [];
    kept = [];
    rejected = [];
    lines = 0;
    offset = 0;
    firstLine = lastLine + 1;
    return chunk;
  };

  const records = csvRecords(input, file.name, (header) => {
    index = Object.fromEntries(header.map((h, i) => [h, i]));
    const missing = REQUIRED.filter((c) => !(c in index));
    if (missing.length) {
      throw new InvalidInputError(`${file.name}: not a UCDP GED file (missing columns: ${missing.join(', ')})`);
    }
  });
  let sawHeader = false;
  for await (const r of records) {
    sawHeader = true;
    lastLine = r.line + ('raw' in r ? r.raw.split('\n').length - 1 : 0);
    lines += 'raw' in r ? r.raw.split('\n').length : 1;
    if (!('fields' in r)) {
      rejected.push(r);
      continue;
    }
    const get = (c: (typeof REQUIRED)[number]) => (r.fields[index[c] as number] ?? '').trim();
    const record = Number(get('id'));
    const start = day(get('date_start'));
    const end = day(get('date_end')) ?? start;
    const code = CAMEO_OF_VIOLENCE[get('type_of_violence')];
    if (!Number.isSafeInteger(record) || record < 0 || !get('id') || !start || !end || !code) {
      rejected.push({ line: r.line, reason: 'id, type_of_violence or date_start is missing or malformed' });
      continue;
    }
    const lat = Number(get('latitude'));
    const lon = Number(get('longitude'));
    let place: PlaceRef | null = null;
    if (get('latitude') !== '' && Number.isFinite(lat) && Number.isFinite(lon)) {
      const hit = ctx.locator.locate(lat, lon);
      const prec = Number(get('where_prec'));
      const p = buildPlace({
        name: get('where_coordinates') || hit?.name || 'Unknown place',
        level: prec <= 2 ? 'point' : prec <= 4 ? 'admin1' : 'country',
        gazetteerId: `ucdp:${lat},${lon}`,
        country: hit?.country ?? null,
        admin1: prec <= 4 ? (hit?.admin1 ?? null) : null,
        lat,
        lon,
      });
      places.set(p.id, p);
      place = { id: p.id, name: p.name, level: p.level, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon };
    }
    const entry = ctx.codebook.lookup(code);
    const best = Number(get('best'));
    const low = Number(get('low'));
    const high = Number(get('high'));
    const frameActors = [actor(get('side_a'), 'source'), actor(get('side_b'), 'target')].filter(
      (a): a is FrameActor => a !== null,
    );
    claims.push({
      id: datasetClaimId('ucdp-ged', record),
      documentId: 'doc_pending' as Claim['documentId'],
      start: offset,
      end: offset + r.raw.length,
      quote: r.raw,
      speaker: null,
      stance: 'asserts',
      negated: false,
      hypothetical: false,
      frame: {
        actors: frameActors,
        cameo: code,
        plover: entry?.plover ?? null,
        quadClass: entry?.quadClass ?? 4,
        goldstein: entry?.goldstein ?? null,
        place,
        time: {
          start,
          // A reversed range keeps its start (ISO dates sort as strings).
          end: [start, end].sort()[1] as IsoDate,
          precision: PRECISION[get('date_prec')] ?? 'range',
        },
        quantities: Number.isFinite(best)
          ? [
              {
                value: best,
                unit: 'deaths',
                approximate: low !== high,
                text: `best estimate ${best} (low ${Number.isFinite(low) ? low : '?'}, high ${Number.isFinite(high) ? high : '?'})`,
              },
            ]
          : [],
      },
      extractor: 'ucdp-ged',
      dataset: { dataset: 'ucdp-ged', recordId: String(record), url: null },
    });
    kept.push(r.raw);
    offset += r.raw.length + 1;
    if (claims.length >= chunkRows) yield flush();
  }
  if (!sawHeader) throw new InvalidInputError(`${file.name}: empty file, expected a UCDP GED CSV with a header row`);
  if (lines > 0 || claims.length) yield flush();
}
