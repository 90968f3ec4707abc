// Synthetic claims for the corroboration benchmark: GDELT-shaped rows (actor pairs, CAMEO codes and
// places drawn from the real sample in data/gdelt, several rows per article, many rows re-reporting
// one happening) mixed with text-like claims (attributed speakers, month-long spans, denials, troop
// figures). Seeded, so two runs produce the same claims.
import {
  actorId,
  buildSource,
  type Claim,
  claimId,
  type Document,
  documentId,
  type FrameActor,
  type IsoDate,
  type IsoDateTime,
  type QuadClass,
  type Reliability,
  type Source,
  type Stance,
  textHash,
} from '@parallax/core';
import { codebook, placeOfRow, type Row, sampleRows, seededRandom } from './event-generator.ts';

export interface SyntheticCorpus {
  sources: Source[];
  documents: Document[];
  claims: Claim[];
}

const TEXT = 'synthetic claim text '.repeat(4);
const GRADES: Reliability[] = ['A', 'B', 'B', 'C', 'C', 'D', 'E', 'F', 'F', 'F'];

/**
 * `total` claims over `days` days from `startDay` (epoch day); `textShare` of them text-like. Claims
 * are spread over documents of ~20 claims each (dataset files for rows, articles for text).
 */
export function syntheticClaims(
  total: number,
  options: { days?: number; textShare?: number; seed?: number; startDay?: number; tag?: string } = {},
): SyntheticCorpus {
  const days = options.days ?? 30;
  const textShare = options.textShare ?? 0.02;
  const tag = options.tag ?? 'c';
  const rnd = seededRandom(options.seed ?? 11);
  const rows = sampleRows();
  const book = codebook();
  const pick = () => rows[Math.floor(rnd() * rows.length)] as Row;
  const base = options.startDay ?? Date.UTC(2024, 0, 1) / 86_400_000;
  const outlets = Array.from({ length: 200 }, (_, i) =>
    buildSource({
      name: `Outlet ${i}`,
      domain: `outlet${i}.example`,
      kind: i < 20 ? 'wire-agency' : i < 40 ? 'government' : 'news-outlet',
      country: i < 40 ? (pick().country ?? null) : null,
      reliability: GRADES[i % GRADES.length] as Reliability,
    }),
  );
  const gdelt = buildSource({ name: 'GDELT Project', domain: 'gdeltproject.org', kind: 'dataset' });
  const documents: Document[] = [];
  const claims: Claim[] = [];
  let doc: Document | null = null;
  let inDoc = 0;
  let article = 0;
  let articleRows = 0;
  let happening: { row: Row; day: number } | null = null;
  const newDoc = (text: boolean, i: number): Document => {
    const outlet = outlets[Math.floor(rnd() * outlets.length)] as Source;
    const url = text ? `https://${outlet.domain}/${tag}/${i}` : `bench://gdelt/${tag}/${i}`;
    const d: Document = {
      id: documentId(url, textHash(`${tag}${i}`)),
      sourceId: text ? outlet.id : gdelt.id,
      url,
      title: `Synthetic ${text ? 'article' : 'export'} ${i}`,
      author: null,
      publisher: text ? outlet.name : 'GDELT Project',
      published: new Date((base + Math.floor(rnd() * days) + 1) * 86_400_000).toISOString() as IsoDateTime,
      retrieved: '2024-06-01T00:00:00.000Z' as IsoDateTime,
      language: 'en',
      mediaType: 'text/plain',
      text: TEXT,
      contentHash: textHash(`${tag}${i}`),
      originalHash: null,
      syndicatedFrom: null,
      retracted: null,
    };
    documents.push(d);
    return d;
  };
  const actor = (code: string, role: FrameActor['role']): FrameActor => ({
    id: actorId({ code, name: code }),
    name: code,
    code,
    role,
  });
  for (let i = 0; i < total; i++) {
    const text = rnd() < textShare;
    if (!doc || inDoc >= 20 || (doc.sourceId === gdelt.id) === text) {
      doc = newDoc(text, i);
      inDoc = 0;
    }
    inDoc++;
    // Real exports re-report happenings: a third of rows repeat a recent happening whole.
    if (!happening || rnd() > 0.33) happening = { row: pick(), day: Math.floor(rnd() * days) };
    const who = rnd() < 0.6 ? happening.row : pick();
    const what = rnd() < 0.6 ? happening.row : pick();
    const where = rnd() < 0.6 ? happening.row : pick();
    const day = base + happening.day;
    const actors: FrameActor[] = [];
    if (who.a1) actors.push(actor(who.a1, 'source'));
    if (who.a2 && who.a2 !== who.a1) actors.push(actor(who.a2, 'target'));
    const place = placeOfRow(where, 'city');
    const entry = book.lookup(what.code);
    const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10) as IsoDate;
    let time = { start: iso(day), end: iso(day), precision: 'day' as 'day' | 'month' | 'range' };
    let stance: Stance = 'asserts';
    let speaker: Claim['speaker'] = null;
    let quantities: Claim['frame']['quantities'] = [];
    if (text) {
      const r = rnd();
      if (r < 0.3) {
        const start = new Date(day * 86_400_000);
        const first = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1) / 86_400_000;
        const last = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0) / 86_400_000;
        time = { start: iso(first), end: iso(last), precision: 'month' };
      } else if (r < 0.45) time = { start: iso(day - 2), end: iso(day + 3), precision: 'range' };
      const s = rnd();
      stance = s < 0.08 ? 'denies' : s < 0.15 ? 'speculates' : s < 0.25 ? 'alleges' : 'asserts';
      if (rnd() < 0.7) {
        const country = pick().country ?? 'USA';
        const agency = ['GOV', 'MIL', 'SPY'][Math.floor(rnd() * 3)];
        speaker = {
          id: actorId({ code: null, name: `${country} spokesperson` }),
          name: `${country} spokesperson`,
          code: `${country}${agency}`,
        };
      }
      if (rnd() < 0.2) {
        const value = [1500, 3000, 10000, 11000, 12000][Math.floor(rnd() * 5)] as number;
        quantities = [{ value, unit: 'troops', approximate: false, text: `${value} troops` }];
      }
    }
    if (!text && articleRows <= 0) {
      article++;
      articleRows = 1 + Math.floor(rnd() * 3);
    }
    articleRows--;
    const body: Omit<Claim, 'id'> = {
      documentId: doc.id,
      start: 0,
      end: 9,
      quote: TEXT.slice(0, 9),
      speaker,
      stance,
      negated: false,
      hypothetical: false,
      frame: {
        actors,
        cameo: what.code,
        plover: entry?.plover ?? null,
        quadClass: (what.quad >= 1 && what.quad <= 4 ? what.quad : null) as QuadClass | null,
        goldstein: what.goldstein,
        place,
        time,
        quantities,
      },
      extractor: 'bench',
      dataset: text
        ? null
        : {
            dataset: 'gdelt',
            recordId: `${tag}${i}`,
            url: `https://outlet${article % 200}.example/story/${tag}${article}`,
          },
    };
    claims.push({ ...body, id: claimId(body) });
  }
  return { sources: [...outlets, gdelt], documents, claims };
}
