import type { Claim, ClaimId, DocumentId, FrameActor, PlaceRef } from '@parallax/core';

/**
 * How a claim's body is stored. JSON.stringify costs more than inserting the row, so claims of the
 * common shape (no speaker, no quantities: every dataset row) are written as fields joined by
 * control characters, a few times faster to build and smaller on disk; anything else is JSON.
 * The quote is left out when it is exactly the document's text at the claim's span, which it
 * always is for dataset rows, so a row's text is stored once, in its document.
 *
 * Compact bodies start with \u0001; JSON bodies with `{`.
 */
const F = '\u001f';
const A = '\u001e';
const P = '\u001d';
const COMPACT = '\u00011';
/** Marks a dataset record without a URL (an empty URL is kept as it is). */
const NULL_URL = '\u0002';
/** Marks a URL stored as a span of the quote. */
const URL_IN_QUOTE = '\u0003';

const opt = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** Whether none of the texts holds a character the compact form uses as a separator or marker. */
function safe(...texts: (string | null | undefined)[]): boolean {
  for (const t of texts) {
    if (!t) continue;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 1 || c === 2 || c === 3 || (c >= 0x1d && c <= 0x1f)) return false;
    }
  }
  return true;
}

// Readers share one FrameActor / PlaceRef object among all the rows that name it, so their encoded
// form is computed once per object, not once per row. null = cannot be encoded compactly.
const actorCache = new WeakMap<FrameActor, string | null>();
const placeCache = new WeakMap<PlaceRef, string | null>();

function encodeActor(a: FrameActor): string | null {
  let e = actorCache.get(a);
  if (e === undefined) {
    e = safe(a.name, a.code) ? `${a.id}${P}${a.name}${P}${opt(a.code)}${P}${a.role}` : null;
    actorCache.set(a, e);
  }
  return e;
}

function encodePlace(p: PlaceRef | null): string | null {
  if (!p) return `${F}${F}${F}${F}${F}${F}`;
  let e = placeCache.get(p);
  if (e === undefined) {
    e = safe(p.name)
      ? `${p.id}${F}${p.name}${F}${p.level}${F}${opt(p.country)}${F}${opt(p.admin1)}${F}${opt(p.lat)}${F}${opt(p.lon)}`
      : null;
    placeCache.set(p, e);
  }
  return e;
}

/**
 * A dataset record's URL is usually part of the row the claim quotes (GDELT's SOURCEURL column), so
 * it is stored as its position in the quote (`\u0003<offset>`) rather than a second time.
 */
function encodeUrl(url: string | null, quote: string): string {
  if (url === null) return NULL_URL;
  const at = url.length > 8 ? quote.lastIndexOf(url) : -1;
  return at >= 0 ? `${URL_IN_QUOTE}${at}${URL_IN_QUOTE}${url.length}` : url;
}

/** Encodes a claim body without id, document id and start (stored as columns), eliding the quote if asked. */
export function encodeClaimBody(claim: Claim, elideQuote: boolean): string {
  const f = claim.frame;
  const place = encodePlace(f.place);
  let actors: string | null = '';
  for (let i = 0; i < f.actors.length; i++) {
    const a = encodeActor(f.actors[i] as FrameActor);
    if (a === null) {
      actors = null;
      break;
    }
    actors = i === 0 ? a : `${actors}${A}${a}`;
  }
  if (
    claim.speaker === null &&
    f.quantities.length === 0 &&
    place !== null &&
    actors !== null &&
    // The compact form has no field for an hour of day; such claims keep the JSON form.
    (f.time === null || !('hour' in f.time)) &&
    safe(claim.extractor, claim.dataset?.dataset, claim.dataset?.recordId, claim.dataset?.url) &&
    (elideQuote || safe(claim.quote))
  ) {
    return (
      `${COMPACT}${F}${claim.end}${F}${claim.stance}${F}${claim.negated ? 1 : 0}${F}${claim.hypothetical ? 1 : 0}` +
      `${F}${claim.extractor}${F}${claim.dataset ? claim.dataset.dataset : ''}${F}${opt(claim.dataset?.recordId)}` +
      `${F}${claim.dataset ? encodeUrl(claim.dataset.url, claim.quote) : ''}` +
      `${F}${opt(f.cameo)}${F}${f.plover ? f.plover.type : ''}${F}${opt(f.plover?.mode)}${F}${opt(f.quadClass)}` +
      `${F}${opt(f.goldstein)}${F}${f.time ? `${f.time.start}${F}${f.time.end}${F}${f.time.precision}` : `${F}${F}`}` +
      `${F}${place}` +
      `${F}${actors}${F}${elideQuote ? '' : claim.quote}${F}${elideQuote ? 1 : 0}`
    );
  }
  const { id: _id, documentId: _doc, start: _start, ...rest } = claim;
  return JSON.stringify(elideQuote ? { ...rest, quote: undefined, quoteElided: true } : rest);
}

/** Whether the stored body left the quote out (it is then the document text at the span). */
export function quoteElided(body: string): boolean {
  return body.startsWith(COMPACT) ? body.endsWith(`${F}1`) : body.endsWith('"quoteElided":true}');
}

const num = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));
const str = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

/** Rebuilds a claim; `quoteOf` supplies the quote when the body elided it. */
export function decodeClaim(
  id: string,
  documentId: string,
  start: number,
  body: string,
  quoteOf: (documentId: string, start: number, end: number) => string,
): Claim {
  if (!body.startsWith(COMPACT)) {
    const parsed = JSON.parse(body) as Omit<Claim, 'id' | 'documentId' | 'start'> & { quoteElided?: boolean };
    const { quoteElided: elided, ...rest } = parsed;
    return {
      id: id as ClaimId,
      documentId: documentId as DocumentId,
      start,
      ...rest,
      quote: elided ? quoteOf(documentId, start, rest.end) : rest.quote,
    } as Claim;
  }
  const f = body.split(F);
  const end = Number(f[1]);
  const elided = f[26] === '1';
  const quote = elided ? quoteOf(documentId, start, end) : (f[25] ?? '');
  const rawUrl = f[8] ?? '';
  let url: string | null = rawUrl;
  if (rawUrl === NULL_URL) url = null;
  else if (rawUrl.startsWith(URL_IN_QUOTE)) {
    const [, at, length] = rawUrl.split(URL_IN_QUOTE);
    url = quote.slice(Number(at), Number(at) + Number(length));
  }
  const dataset = f[6] ? { dataset: f[6], recordId: f[7] ?? '', url } : null;
  const ploverType = f[10];
  const place: PlaceRef | null = f[17]
    ? {
        id: f[17] as PlaceRef['id'],
        name: f[18] ?? '',
        level: f[19] as PlaceRef['level'],
        country: str(f[20]),
        admin1: str(f[21]),
        lat: num(f[22]),
        lon: num(f[23]),
      }
    : null;
  const actors: FrameActor[] = f[24]
    ? f[24].split(A).map((s) => {
        const [aid, name, code, role] = s.split(P);
        return { id: aid as FrameActor['id'], name: name ?? '', code: str(code), role: role as FrameActor['role'] };
      })
    : [];
  return {
    id: id as ClaimId,
    documentId: documentId as DocumentId,
    start,
    end,
    quote,
    speaker: null,
    stance: f[2] as Claim['stance'],
    negated: f[3] === '1',
    hypothetical: f[4] === '1',
    frame: {
      actors,
      cameo: str(f[9]),
      plover: ploverType ? ({ type: ploverType, mode: str(f[11]) } as Claim['frame']['plover']) : null,
      quadClass: num(f[12]) as Claim['frame']['quadClass'],
      goldstein: num(f[13]),
      place,
      time: f[16] ? ({ start: f[14], end: f[15], precision: f[16] } as NonNullable<Claim['frame']['time']>) : null,
      quantities: [],
    },
    extractor: f[5] ?? '',
    dataset,
  };
}
