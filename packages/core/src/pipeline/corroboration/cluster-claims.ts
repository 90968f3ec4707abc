import type { Claim } from '../../model/claim.ts';
import { type ClusterDecision, compareClusterDecisions } from '../../model/cluster-decision.ts';
import type { ClaimId } from '../../model/ids.ts';
import { ClaimIndex } from './claim-index.ts';
import { type ClaimProfile, compareProfiles, profileClaim, sameRoleShape } from './claim-profile.ts';
import { joinScore } from './join-rules.ts';

/** One happening as clustering sees it: its claims in canonical order, the first one leading. */
export interface ClaimCluster {
  members: ClaimProfile[];
  /**
   * Denials filed with another event that also deny this one: "no troops were sent in October"
   * denies the deployment reported for 23 October as much as the one it was filed with.
   */
  bearing: ClaimProfile[];
}

export function isDenial(claim: Claim): boolean {
  return (claim.stance === 'denies' || claim.negated) && !claim.hypothetical;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    let c = i;
    while (this.parent[c] !== r) {
      const next = this.parent[c] as number;
      this.parent[c] = r;
      c = next;
    }
    return r;
  }
  /** Keeps the smaller index as root, so roots are canonical leaders. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

/**
 * Groups claims into happenings. A pure function of the set of claims and decisions: any arrival
 * order gives the same clusters, and a cluster only depends on claims that could join it, so adding
 * claims changes only the clusters they touch.
 *
 * 1. Anchors (dated to at most a week, with a place and an actor) link to every anchor with the same
 *    roles named that they can join (`joinClaims`); linked anchors form one cluster.
 * 2. Each partial claim ("in October", no place given) joins the one anchor it fits best (closest
 *    place, actors, time; ties to the canonical first), never linking two anchors' clusters.
 * 3. Partial claims that fit no anchor, and undated or very long claims, link among themselves.
 * 4. Analyst decisions are replayed oldest first: merges join clusters, splits take claims out.
 */
export function clusterProfiles(
  input: readonly ClaimProfile[],
  decisions: readonly ClusterDecision[] = [],
): ClaimCluster[] {
  const unique = new Map<ClaimId, ClaimProfile>();
  for (const p of input) unique.set(p.claim.id, p);
  const profiles = [...unique.values()].sort(compareProfiles);
  const uf = new UnionFind(profiles.length);

  // Rows re-reporting one happening often carry the very same frame: only the first of each such
  // group enters the index; the others join it directly (same links, same attachments).
  const anchors = new ClaimIndex(profiles);
  const anchorIds: number[] = [];
  const firstOfFrame = new Map<string, number>();
  profiles.forEach((p, i) => {
    if (p.tier !== 'anchor') return;
    const key = frameSignature(p);
    const first = firstOfFrame.get(key);
    if (first !== undefined) {
      uf.union(first, i);
      return;
    }
    firstOfFrame.set(key, i);
    anchors.add(i);
    anchorIds.push(i);
  });
  anchors.seal();
  for (const i of anchorIds) {
    const p = profiles[i] as ClaimProfile;
    anchors.candidates(
      i,
      (j) => {
        if (j === i || uf.find(i) === uf.find(j)) return;
        const q = profiles[j] as ClaimProfile;
        if (sameRoleShape(p, q) && joinScore(p, q) !== null) uf.union(i, j);
      },
      true,
    );
  }

  const loose = new ClaimIndex(profiles);
  const looseIds: number[] = [];
  /** Partial denials → every anchor they could deny. */
  const denies = new Map<number, number[]>();
  profiles.forEach((p, i) => {
    if (p.tier === 'anchor') return;
    if (p.tier === 'partial') {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      const denial = isDenial(p.claim);
      const fits: number[] = [];
      anchors.candidates(i, (j) => {
        const score = joinScore(p, profiles[j] as ClaimProfile);
        if (score === null) return;
        if (denial) fits.push(j);
        if (score > bestScore || (score === bestScore && j < best)) {
          best = j;
          bestScore = score;
        }
      });
      if (best >= 0) {
        uf.union(i, best);
        if (fits.length) denies.set(i, fits);
        return;
      }
    }
    loose.add(i);
    looseIds.push(i);
  });
  loose.seal();
  for (const i of looseIds) {
    const p = profiles[i] as ClaimProfile;
    loose.candidates(i, (j) => {
      if (j === i || uf.find(i) === uf.find(j)) return;
      if (joinScore(p, profiles[j] as ClaimProfile) !== null) uf.union(i, j);
    });
  }

  // Cluster number per claim index; clusters as sorted index lists.
  const clusterOf = new Int32Array(profiles.length);
  const clusters = new Map<number, number[]>();
  profiles.forEach((_, i) => {
    const root = uf.find(i);
    clusterOf[i] = root;
    const list = clusters.get(root);
    if (list) list.push(i);
    else clusters.set(root, [i]);
  });

  if (decisions.length) applyDecisions(profiles, clusterOf, clusters, decisions);

  const bearing = new Map<number, Set<number>>();
  for (const [d, fits] of denies) {
    for (const a of fits) {
      const c = clusterOf[a] as number;
      if (c === clusterOf[d]) continue;
      let set = bearing.get(c);
      if (!set) {
        set = new Set();
        bearing.set(c, set);
      }
      set.add(d);
    }
  }

  return [...clusters.entries()]
    .map(([key, ids]) => ({ key, ids: ids.sort((a, b) => a - b) }))
    .sort((a, b) => (a.ids[0] as number) - (b.ids[0] as number))
    .map(({ key, ids }) => ({
      members: ids.map((i) => profiles[i] as ClaimProfile),
      bearing: [...(bearing.get(key) ?? [])].sort((a, b) => a - b).map((i) => profiles[i] as ClaimProfile),
    }));
}

/** What makes two anchors interchangeable for linking and attaching: type, actors by role, place, days. */
function frameSignature(p: ClaimProfile): string {
  const ids = (xs: ClaimProfile['sources']) =>
    xs
      .map((a) => a.id)
      .sort()
      .join('+');
  return `${p.typeKey}|${ids(p.sources)}|${ids(p.targets)}|${ids(p.others)}|${p.place?.id ?? ''}|${p.lo}|${p.hi}|${p.tolerance}`;
}

/** Replays merges and splits, oldest first, on the computed clusters. */
function applyDecisions(
  profiles: readonly ClaimProfile[],
  clusterOf: Int32Array,
  clusters: Map<number, number[]>,
  decisions: readonly ClusterDecision[],
): void {
  const indexOf = new Map<ClaimId, number>(profiles.map((p, i) => [p.claim.id, i]));
  const present = (ids: readonly ClaimId[]) =>
    ids.map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined);
  const move = (i: number, to: number) => {
    const from = clusterOf[i] as number;
    const list = clusters.get(from);
    if (list) {
      const at = list.indexOf(i);
      if (at >= 0) list.splice(at, 1);
      if (!list.length) clusters.delete(from);
    }
    clusterOf[i] = to;
    const dest = clusters.get(to);
    if (dest) dest.push(i);
    else clusters.set(to, [i]);
  };
  // Split-off parts get keys no claim index can take.
  let freshKey = profiles.length;
  for (const d of [...decisions].sort(compareClusterDecisions)) {
    if (d.kind === 'merge') {
      const ids = present(d.claimIds);
      const keys = [...new Set(ids.map((i) => clusterOf[i] as number))];
      if (keys.length < 2) continue;
      const to = Math.min(...keys);
      for (const key of keys) if (key !== to) for (const i of [...(clusters.get(key) ?? [])]) move(i, to);
      continue;
    }
    const taken = new Set(present(d.claimIds));
    const apart = new Set(present(d.apartFromClaimIds));
    for (const key of [...new Set([...taken].map((i) => clusterOf[i] as number))]) {
      const members = clusters.get(key) ?? [];
      if (!members.some((i) => apart.has(i))) continue;
      const out = members.filter((i) => taken.has(i));
      const rest = members.filter((i) => !taken.has(i) && !apart.has(i));
      const score = (i: number, side: number[]) =>
        Math.max(
          Number.NEGATIVE_INFINITY,
          ...side.map((j) => joinScore(profiles[i] as ClaimProfile, profiles[j] as ClaimProfile) ?? -1),
        );
      const stayers = members.filter((i) => apart.has(i));
      // Claims that were in neither list follow the side they fit better; ties stay.
      const follow = rest.filter((i) => score(i, out) > score(i, stayers));
      const newKey = freshKey++;
      for (const i of [...out, ...follow]) move(i, newKey);
    }
  }
}

/** Claims → clusters of claims, leader first. */
export function clusterClaims(claims: readonly Claim[], decisions: readonly ClusterDecision[] = []): Claim[][] {
  return clusterProfiles(claims.map(profileClaim), decisions).map((c) => c.members.map((m) => m.claim));
}
