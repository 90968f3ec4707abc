import type { Claim } from '../../model/claim.ts';
import type { ClaimId } from '../../model/ids.ts';
import { type ClaimProfile, compareProfiles, profileClaim } from './claim-profile.ts';
import { joinClaims } from './join-rules.ts';

/** Why one claim sits in its event. */
export interface ClaimJoin {
  claimId: ClaimId;
  /** The claim it joined through; null for the claim that leads the event. */
  via: ClaimId | null;
  /** "joined … because same type MOBILIZE; same acting actor PRKMIL; …" */
  because: string;
}

/**
 * Explains an event's membership: the leading claim (the most precise, which gives the event its id),
 * then for every other claim the member it fits best and the tests it passed. A claim that fits no
 * other member was put there by an analyst's merge.
 */
export function explainMembership(claims: readonly Claim[]): ClaimJoin[] {
  const profiles = claims.map(profileClaim).sort(compareProfiles);
  const leader = profiles[0];
  if (!leader) return [];
  const out: ClaimJoin[] = [
    {
      claimId: leader.claim.id,
      via: null,
      because: `leads the event: the most precisely dated claim (${leader.tier})`,
    },
  ];
  for (const p of profiles.slice(1)) {
    let best: { other: ClaimProfile; score: number; reasons: string[] } | null = null;
    for (const other of profiles) {
      if (other === p) continue;
      // Partial claims hang on anchors; prefer explaining through one.
      if (p.tier !== 'anchor' && other.tier !== 'anchor' && profiles.some((x) => x.tier === 'anchor')) continue;
      const join = joinClaims(p, other);
      if (join && (!best || join.score > best.score)) best = { other, score: join.score, reasons: join.reasons };
    }
    if (!best) {
      for (const other of profiles) {
        if (other === p) continue;
        const join = joinClaims(p, other);
        if (join && (!best || join.score > best.score)) best = { other, score: join.score, reasons: join.reasons };
      }
    }
    out.push(
      best
        ? {
            claimId: p.claim.id,
            via: best.other.claim.id,
            because: `${p.tier === 'anchor' ? 'linked to' : 'attached to'} ${best.other.claim.id} because ${best.reasons.join('; ')}`,
          }
        : { claimId: p.claim.id, via: null, because: 'merged into this event by an analyst' },
    );
  }
  return out;
}
