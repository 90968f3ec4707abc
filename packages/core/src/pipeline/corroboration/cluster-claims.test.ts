import { describe, expect, it } from 'vitest';
import { type Claim, claimId, emptyFrame, type FrameActor, type PlaceRef } from '../../model/claim.ts';
import { type ClusterDecision, clusterDecisionId } from '../../model/cluster-decision.ts';
import type { ActorId, DocumentId, PlaceId } from '../../model/ids.ts';
import type { IsoDate, IsoDateTime, TimeSpan } from '../../model/time.ts';
import { profileClaim } from './claim-profile.ts';
import { clusterClaims } from './cluster-claims.ts';
import { explainMembership } from './explain-event.ts';
import { joinClaims, placeRelation } from './join-rules.ts';

const actor = (code: string, role: FrameActor['role']): FrameActor => ({
  id: `act_${code.toLowerCase().padEnd(20, '0')}` as ActorId,
  name: code,
  code,
  role,
});
const place = (
  name: string,
  country: string,
  admin1: string | null,
  lat: number,
  lon: number,
  level: PlaceRef['level'] = admin1 ? 'admin1' : 'country',
): PlaceRef => ({ id: `plc_${name.toLowerCase().padEnd(20, '0')}` as PlaceId, name, level, country, admin1, lat, lon });
const span = (start: string, end = start, precision: TimeSpan['precision'] = start === end ? 'day' : 'range') =>
  ({ start: start as IsoDate, end: end as IsoDate, precision }) satisfies TimeSpan;

let n = 0;
function claim(spec: {
  type?: 'MOBILIZE' | 'ASSAULT' | 'COERCE' | 'CONSULT';
  actors: FrameActor[];
  place?: PlaceRef | null;
  time?: TimeSpan | null;
}): Claim {
  const frame = emptyFrame();
  frame.plover = { type: spec.type ?? 'ASSAULT', mode: null };
  frame.actors = spec.actors;
  frame.place = spec.place === undefined ? KHAR : spec.place;
  frame.time = spec.time === undefined ? span('2030-05-10') : spec.time;
  const base = {
    documentId: 'doc_00000000000000000000' as DocumentId,
    start: n++,
    end: n,
    quote: 'q',
    speaker: null,
    stance: 'asserts' as const,
    negated: false,
    hypothetical: false,
    frame,
    extractor: 'test',
    dataset: null,
  };
  return { ...base, id: claimId(base) };
}

const KHAR = place('Kharim', 'XAA', 'XA-01', 50, 36.2);
const KHAR_CITY = place('Kharim City', 'XAA', 'XA-01', 50.0, 36.23, 'city');
const KHAR_FAR = place('Far Kharim', 'XAA', 'XA-01', 48.5, 36.2, 'city');
const BORDER_TOWN = place('Border Town', 'XBB', 'XB-07', 50.1, 36.3, 'city');
const XAA = place('Xaland', 'XAA', null, 49, 32);
const OTHER_UNIT = place('Osk', 'XAA', 'XA-02', 46, 33);
const A = actor('XAAMIL', 'source');
const B = actor('XBBMIL', 'target');

describe('join rules', () => {
  it('places: same unit, containment, distance across borders; far points in one unit are apart', () => {
    expect(placeRelation(KHAR, KHAR_CITY)?.reason).toBe('same admin-1 unit XA-01');
    expect(placeRelation(XAA, KHAR)?.reason).toBe('Xaland contains Kharim');
    expect(placeRelation(KHAR, OTHER_UNIT)).toBeNull();
    expect(placeRelation(KHAR_CITY, BORDER_TOWN)?.reason).toMatch(/km apart/);
    expect(placeRelation(KHAR_CITY, KHAR_FAR)).toBeNull();
    expect(placeRelation(null, KHAR)?.score).toBe(0);
  });

  it('roles: the same pair in reverse is another happening; a bare country code contains its agencies', () => {
    const ab = profileClaim(claim({ actors: [A, B] }));
    const ba = profileClaim(claim({ actors: [actor('XBBMIL', 'source'), actor('XAAMIL', 'target')] }));
    expect(joinClaims(ab, ba)).toBeNull();
    const state = profileClaim(claim({ actors: [actor('XAA', 'source'), B] }));
    expect(joinClaims(ab, state)?.reasons).toContain('acting actors XAAMIL and XAA are one state');
    const otherAgency = profileClaim(claim({ actors: [actor('XAAGOV', 'source'), B] }));
    expect(joinClaims(ab, otherAgency)).toBeNull();
  });

  it('time: a day report gets a day of slack, a month covers its days, precision sets the window', () => {
    const d10 = profileClaim(claim({ actors: [A, B], time: span('2030-05-10') }));
    const d11 = profileClaim(claim({ actors: [A, B], time: span('2030-05-11') }));
    const d13 = profileClaim(claim({ actors: [A, B], time: span('2030-05-13') }));
    const may = profileClaim(claim({ actors: [A, B], time: span('2030-05-01', '2030-05-31', 'month') }));
    const june = profileClaim(claim({ actors: [A, B], time: span('2030-06-01', '2030-06-30', 'month') }));
    expect(joinClaims(d10, d11)).not.toBeNull();
    expect(joinClaims(d10, d13)).toBeNull();
    expect(joinClaims(d13, may)?.reasons.at(-1)).toBe('2030-05-13 lies within 2030-05-01…2030-05-31');
    expect(joinClaims(may, june)).toBeNull();
  });

  it('types: commonly confused types join, others do not', () => {
    const assault = profileClaim(claim({ actors: [A, B] }));
    const coerce = profileClaim(claim({ type: 'COERCE', actors: [A, B] }));
    const consult = profileClaim(claim({ type: 'CONSULT', actors: [A, B] }));
    expect(joinClaims(assault, coerce)).not.toBeNull();
    expect(joinClaims(assault, consult)).toBeNull();
  });
});

describe('clustering', () => {
  const claims = [
    claim({ actors: [A, B], time: span('2030-05-10') }),
    claim({ actors: [A, B], time: span('2030-05-11'), place: KHAR_CITY }),
    claim({ actors: [A, B], time: span('2030-05-12') }),
    claim({ actors: [A, B], time: span('2030-05-20') }),
    claim({ actors: [A, B], time: span('2030-05-01', '2030-05-31', 'month'), place: XAA }),
    claim({ actors: [A, B], time: span('2030-05-20'), place: null }),
    claim({ actors: [A], time: span('2030-05-10') }),
    claim({ actors: [A, B], time: span('2030-05-10'), place: OTHER_UNIT }),
    claim({ type: 'CONSULT', actors: [A, B], time: null, place: null }),
    claim({ type: 'CONSULT', actors: [A, B], time: null, place: XAA }),
  ];
  const ids = (groups: Claim[][]) => groups.map((g) => g.map((c) => c.id));

  it('anchors link in runs of close days; partial claims attach to the best anchor without linking runs', () => {
    const groups = ids(clusterClaims(claims));
    const [c0, c1, c2, c3, month, placeless, sourceOnly, elsewhere, u1, u2] = claims.map((c) => c.id);
    expect(groups).toContainEqual([c0, c1, c2, month].filter(Boolean));
    expect(groups).toContainEqual([c3, placeless]);
    expect(groups).toContainEqual([sourceOnly]);
    expect(groups).toContainEqual([elsewhere]);
    expect(groups.find((g) => g.includes(u1 as Claim['id']))?.sort()).toEqual([u1, u2].sort());
  });

  it('links points a few km apart across a border and a grid line, not points far apart', () => {
    const south = place('Southgate', 'XAA', 'XA-01', 49.99, 36.99, 'city');
    const north = place('Northgate', 'XBB', 'XB-07', 50.01, 37.01, 'city');
    const far = place('Farside', 'XBB', 'XB-07', 51.5, 39.5, 'city');
    const [a, b, c] = [south, north, far].map((p) => claim({ actors: [A, B], place: p }));
    const groups = clusterClaims([a, b, c] as Claim[]).map((g) => g.map((x) => x.id).sort());
    expect(groups).toContainEqual([a?.id, b?.id].sort());
    expect(groups).toContainEqual([c?.id]);
  });

  it('gives the same clusters, leaders and order whatever the input order', () => {
    const expected = ids(clusterClaims(claims));
    let seed = 7;
    for (let round = 0; round < 20; round++) {
      const shuffled = [...claims].sort(() => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647 - 0.5;
      });
      expect(ids(clusterClaims(shuffled))).toEqual(expected);
    }
  });

  it('replays merges and splits in the order they were made', () => {
    const [c0, c1, c2, c3] = claims as [Claim, Claim, Claim, Claim];
    const at = (t: string) => `2030-06-0${t}T00:00:00.000Z` as IsoDateTime;
    const decide = (d: Omit<ClusterDecision, 'id'>): ClusterDecision => ({ ...d, id: clusterDecisionId(d) });
    const merge = decide({ kind: 'merge', claimIds: [c0.id, c3.id], apartFromClaimIds: [], reason: 'r', at: at('1') });
    const merged = clusterClaims(claims, [merge]).find((g) => g.includes(c0));
    expect(merged).toEqual(expect.arrayContaining([c0, c1, c2, c3]));
    const split = decide({ kind: 'split', claimIds: [c3.id], apartFromClaimIds: [c0.id], reason: 'r', at: at('2') });
    const after = clusterClaims(claims, [split, merge]);
    expect(after.find((g) => g.includes(c0))).not.toContain(c3);
    // The placeless claim that fitted c3 follows it to its side.
    expect(after.find((g) => g.includes(c3))).toContain(claims[5]);
  });

  it('explains why each claim is in its cluster', () => {
    const group = clusterClaims(claims)[0] as Claim[];
    const joins = explainMembership(group);
    expect(joins[0]).toMatchObject({ via: null, because: expect.stringMatching(/^leads the event/) });
    expect(joins.slice(1).every((j) => j.via !== null)).toBe(true);
    expect(joins.map((j) => j.because).join('\n')).toMatch(
      /attached to clm_\w+ because same type ASSAULT; .*Xaland contains Kharim/,
    );
  });
});
