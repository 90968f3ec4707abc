import {
  type Actor,
  actorId,
  buildActor,
  buildPlace,
  type CameoCodebook,
  type Claim,
  claimId,
  type DocumentId,
  type ExtractionResult,
  type Extractor,
  type FrameActor,
  InvalidInputError,
  isPloverType,
  type Place,
  type PloverType,
  quadClassOfPlover,
  STANCES,
  type Stance,
  type TimeSpan,
} from '@parallax/core';

/** One hand-coded claim as written in a test's claims file (data/brief-check/claims.json). */
export interface FixtureClaim {
  document: string;
  quote: string;
  speaker: { name: string; code: string | null } | null;
  stance: string;
  negated?: boolean;
  hypothetical?: boolean;
  cameo: string | null;
  plover: { type: string; mode: string | null } | null;
  actors: { name: string; code: string | null; role: 'source' | 'target' | 'other' }[];
  place: {
    name: string;
    level: Place['level'];
    country: string | null;
    admin1: string | null;
    lat: number | null;
    lon: number | null;
  } | null;
  time: TimeSpan | null;
  quantities?: Claim['frame']['quantities'];
}

function actorFrom(ref: { name: string; code: string | null }): Actor {
  const code = ref.code ?? null;
  return buildActor({
    id: actorId({ code, name: ref.name }),
    name: ref.name,
    kind: code && code.length === 3 ? 'state' : 'organisation',
    country: code && /^[A-Z]{3}/.test(code) ? code.slice(0, 3) : null,
    codes: code ? [code] : [],
  });
}

/**
 * An Extractor that replays hand-coded claims for known documents. It stands in for the real
 * extractor in tests that need fixed claims (the demo workspace runs the real one); every claim it
 * yields carries `extractor: "demo-fixture"`, so hand-coded claims are never presented as extracted.
 */
export function createFixtureExtractor(
  fixtures: readonly FixtureClaim[],
  documentFiles: ReadonlyMap<DocumentId, string>,
  codebook: CameoCodebook,
): Extractor {
  const byFile = new Map<string, FixtureClaim[]>();
  for (const f of fixtures) byFile.set(f.document, [...(byFile.get(f.document) ?? []), f]);
  return {
    name: 'demo-fixture',
    extract(input): ExtractionResult {
      const file = documentFiles.get(input.id);
      const claims: Claim[] = [];
      const actors = new Map<string, Actor>();
      const places = new Map<string, Place>();
      for (const f of file ? (byFile.get(file) ?? []) : []) {
        const start = input.text.indexOf(f.quote);
        if (start < 0)
          throw new InvalidInputError(`demo claims: quote not found in ${file}: "${f.quote.slice(0, 60)}…"`);
        if (!(STANCES as readonly string[]).includes(f.stance))
          throw new InvalidInputError(`demo claims: unknown stance '${f.stance}' in ${file}`);
        const frameActors: FrameActor[] = f.actors.map((a) => {
          const actor = actorFrom(a);
          actors.set(actor.id, actor);
          return { id: actor.id, name: actor.name, code: a.code, role: a.role };
        });
        // A speaker is a person or office: keyed by name so two officials sharing a code stay two
        // actors; the code still says which institution they speak for.
        const speaker = f.speaker
          ? buildActor({
              id: actorId({ code: null, name: f.speaker.name }),
              name: f.speaker.name,
              kind: 'person',
              country: f.speaker.code && /^[A-Z]{3}/.test(f.speaker.code) ? f.speaker.code.slice(0, 3) : null,
              codes: f.speaker.code ? [f.speaker.code] : [],
            })
          : null;
        if (speaker) actors.set(speaker.id, speaker);
        let place: Claim['frame']['place'] = null;
        if (f.place) {
          const p = buildPlace({
            ...f.place,
            gazetteerId:
              f.place.level === 'admin1' && f.place.admin1
                ? `iso3166-2:${f.place.admin1}`
                : f.place.level === 'country' && f.place.country
                  ? `iso:${f.place.country}`
                  : null,
          });
          places.set(p.id, p);
          place = {
            id: p.id,
            name: p.name,
            level: p.level,
            country: p.country,
            admin1: p.admin1,
            lat: p.lat,
            lon: p.lon,
          };
        }
        const entry = f.cameo ? codebook.lookup(f.cameo) : null;
        const plover =
          f.plover && isPloverType(f.plover.type)
            ? { type: f.plover.type as PloverType, mode: f.plover.mode }
            : (entry?.plover ?? null);
        const base: Omit<Claim, 'id'> = {
          documentId: input.id,
          start,
          end: start + f.quote.length,
          quote: f.quote,
          speaker: speaker ? { id: speaker.id, name: speaker.name, code: f.speaker?.code ?? null } : null,
          stance: f.stance as Stance,
          negated: f.negated ?? false,
          hypothetical: f.hypothetical ?? false,
          frame: {
            actors: frameActors,
            cameo: f.cameo,
            plover,
            quadClass: plover ? quadClassOfPlover(plover.type) : (entry?.quadClass ?? null),
            goldstein: entry?.goldstein ?? null,
            place,
            time: f.time,
            quantities: f.quantities ?? [],
          },
          extractor: 'demo-fixture',
          dataset: null,
        };
        claims.push({ ...base, id: claimId(base) });
      }
      return { claims, actors: [...actors.values()], places: [...places.values()] };
    },
  };
}
