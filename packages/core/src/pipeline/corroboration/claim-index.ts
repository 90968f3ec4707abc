import { type ClaimProfile, MAX_LINK_GAP_DAYS } from './claim-profile.ts';

/**
 * Finds the claims that could join a given claim without comparing every pair: claims are filed under
 * their event type and actors (acting → target pairs, or one role when only one is named), each file
 * sorted by start day, so a look-up only reads claims of the same kind near the same time.
 */
export class ClaimIndex {
  private readonly files = new Map<string, number[]>();
  private readonly starts = new Map<string, Float64Array>();
  /** `type|s:ROOT` → the acting→target files with that acting root (and likewise for targets). */
  private readonly pairFiles = new Map<string, string[]>();
  private readonly undated = new Map<string, number[]>();
  private maxSpan = 0;

  constructor(private readonly profiles: readonly ClaimProfile[]) {}

  add(i: number): void {
    const p = this.profiles[i] as ClaimProfile;
    const keys = fileKeys(p);
    const target = p.lo === null ? this.undated : this.files;
    for (const key of keys) {
      let list = target.get(key);
      if (!list) {
        list = [];
        target.set(key, list);
        if (target === this.files && key.includes('|st:')) {
          const [type, pair] = key.split('|st:') as [string, string];
          const [s, t] = pair.split('>') as [string, string];
          for (const side of [`${type}|s:${s}`, `${type}|t:${t}`]) {
            const known = this.pairFiles.get(side);
            if (known) known.push(key);
            else this.pairFiles.set(side, [key]);
          }
        }
      }
      list.push(i);
    }
    if (p.lo !== null && p.span > this.maxSpan) this.maxSpan = p.span;
  }

  /** Sorts every file by start day; call once after adding and before looking up. */
  seal(): this {
    for (const [key, list] of this.files) {
      list.sort((a, b) => (this.profiles[a]?.lo ?? 0) - (this.profiles[b]?.lo ?? 0) || a - b);
      this.starts.set(
        key,
        Float64Array.from(list, (i) => this.profiles[i]?.lo ?? 0),
      );
    }
    return this;
  }

  /** Indexed claims that share a file with `p` and whose time could meet it; each at most once. */
  candidates(p: ClaimProfile, visit: (j: number) => void): void {
    const seen = new Set<number>();
    const emit = (j: number) => {
      if (!seen.has(j)) {
        seen.add(j);
        visit(j);
      }
    };
    if (p.lo === null || p.hi === null) {
      for (const key of lookupKeys(p, this.pairFiles)) for (const j of this.undated.get(key) ?? []) emit(j);
      return;
    }
    const from = p.lo - this.maxSpan - MAX_LINK_GAP_DAYS;
    const to = p.hi + MAX_LINK_GAP_DAYS;
    for (const key of lookupKeys(p, this.pairFiles)) {
      const list = this.files.get(key);
      const starts = this.starts.get(key);
      if (!list || !starts) continue;
      for (let k = lowerBound(starts, from); k < list.length && (starts[k] as number) <= to; k++)
        emit(list[k] as number);
    }
  }
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function roots(p: ClaimProfile, role: 'source' | 'target' | 'other'): string[] {
  return [...new Set(p.actors.filter((a) => a.role === role).map((a) => a.root))].sort();
}

/** The files a claim is filed under. */
function fileKeys(p: ClaimProfile): string[] {
  const s = roots(p, 'source');
  const t = roots(p, 'target');
  const o = roots(p, 'other');
  const keys: string[] = [];
  if (s.length && t.length) for (const a of s) for (const b of t) keys.push(`${p.typeKey}|st:${a}>${b}`);
  else if (s.length) for (const a of s) keys.push(`${p.typeKey}|s:${a}`);
  else if (t.length) for (const b of t) keys.push(`${p.typeKey}|t:${b}`);
  for (const c of o) keys.push(`${p.typeKey}|o:${c}`);
  if (!s.length && !t.length && !o.length) keys.push(`${p.typeKey}|-`);
  return keys;
}

/** The files where a claim that could join `p` would be filed. */
function lookupKeys(p: ClaimProfile, pairFiles: ReadonlyMap<string, string[]>): string[] {
  const s = roots(p, 'source');
  const t = roots(p, 'target');
  const o = roots(p, 'other');
  const keys = new Set<string>();
  if (s.length && t.length) for (const a of s) for (const b of t) keys.add(`${p.typeKey}|st:${a}>${b}`);
  for (const a of s) {
    keys.add(`${p.typeKey}|s:${a}`);
    // A claim naming only the acting side can join any acting→target pair with that actor.
    if (!t.length) for (const k of pairFiles.get(`${p.typeKey}|s:${a}`) ?? []) keys.add(k);
  }
  for (const b of t) {
    keys.add(`${p.typeKey}|t:${b}`);
    if (!s.length) for (const k of pairFiles.get(`${p.typeKey}|t:${b}`) ?? []) keys.add(k);
  }
  for (const c of o) keys.add(`${p.typeKey}|o:${c}`);
  if (!s.length && !t.length && !o.length) keys.add(`${p.typeKey}|-`);
  return [...keys];
}
