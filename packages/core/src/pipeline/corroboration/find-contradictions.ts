import type { Claim, Quantity } from '../../model/claim.ts';
import type { Contradiction, QuantityFigure } from '../../model/event.ts';
import type { ClaimId } from '../../model/ids.ts';
import type { IsoDateTime } from '../../model/time.ts';

/** What contradiction finding needs to know about each claim's origin and document. */
export interface ClaimFacts {
  lineage(claim: Claim): string;
  /** Label of the claim's origin ("the alliance's Secretary General", "Defence Ministry of Cetia"). */
  by(claim: Claim): string;
  interested(claim: Claim): boolean;
  /** Publication (or retrieval) of the claim's document. */
  published(claim: Claim): IsoDateTime | null;
}

/** Figures that differ by no more than this share are rounding, not disagreement. */
export const QUANTITY_TOLERANCE = 0.1;

/** Units that count the same thing under different words. */
const UNIT_SYNONYMS: Record<string, string> = {
  troop: 'troops',
  soldiers: 'troops',
  soldier: 'troops',
  personnel: 'troops',
  servicemen: 'troops',
  'service members': 'troops',
  'military personnel': 'troops',
  dead: 'killed',
  deaths: 'killed',
  fatalities: 'killed',
  injured: 'wounded',
};

export function normalUnit(unit: string): string {
  const u = unit.trim().toLowerCase();
  return UNIT_SYNONYMS[u] ?? u;
}

const ids = (claims: readonly Claim[]) => [...new Set(claims.map((c) => c.id))].sort();
const uniq = (xs: readonly string[]) => [...new Set(xs)].sort();
const fmt = (n: number) => n.toLocaleString('en-US');

function scopeOf(c: Claim): string {
  const t = c.frame.time;
  return t ? (t.start === t.end ? t.start : `${t.start}…${t.end}`) : 'undated';
}

/**
 * Denials, one record per denying line (a state, an organisation, a newsroom). A line that denied and
 * later said the event happened has acknowledged it: the record stays, marked as no longer standing,
 * with when and in which claims the line changed its word.
 */
export function denialContradictions(
  support: readonly Claim[],
  denials: readonly Claim[],
  facts: ClaimFacts,
): Contradiction[] {
  if (!support.length || !denials.length) return [];
  const byLine = new Map<string, Claim[]>();
  for (const d of denials) {
    const line = facts.lineage(d);
    byLine.set(line, [...(byLine.get(line) ?? []), d]);
  }
  const out: Contradiction[] = [];
  for (const [line, denied] of [...byLine].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const lastDenial = denied
      .map(facts.published)
      .filter((d): d is IsoDateTime => d !== null)
      .sort()
      .at(-1);
    const later = support
      .filter((c) => facts.lineage(c) === line)
      .filter((c) => {
        const at = facts.published(c);
        return at !== null && lastDenial !== undefined && at > lastDenial;
      })
      .sort((a, b) => ((facts.published(a) ?? '') < (facts.published(b) ?? '') ? -1 : 1));
    const deniers = uniq(denied.map(facts.by));
    const deniedOn = uniq(denied.map((c) => facts.published(c)?.slice(0, 10) ?? 'undated'));
    const acknowledged = later.length
      ? { at: facts.published(later[0] as Claim), by: uniq(later.map(facts.by)), claimIds: ids(later) }
      : null;
    const interested = denied.some(facts.interested);
    out.push({
      kind: 'denial',
      claimIds: ids(support),
      againstClaimIds: ids(denied),
      summary:
        `Denied by ${deniers.join(', ')}${interested ? ' (a party to the event)' : ''} on ${deniedOn.join(', ')}` +
        (acknowledged
          ? `; acknowledged by ${acknowledged.by.join(', ')} on ${acknowledged.at?.slice(0, 10) ?? 'an unknown date'}`
          : ''),
      standing: acknowledged === null,
      party: { lineage: line, label: deniers.join(', '), interested },
      acknowledged,
      figures: null,
    });
  }
  return out;
}

export interface QuantityFindings {
  contradictions: Contradiction[];
  /** Figures for different periods of one unit: a build-up over time, not a disagreement. */
  phases: QuantityPhases[];
}

/** The figures one unit takes over successive periods; a period with conflicting figures shows its range. */
export interface QuantityPhases {
  unit: string;
  steps: { scope: string; low: number; high: number; by: string[] }[];
}

/**
 * Conflicting numbers. Figures conflict only when they describe the same period: "1,500 in the first
 * week" and "12,000 in all of October" are two steps of one build-up. Within one period, figures from
 * different lines that differ by more than a tenth are a contradiction, kept as a range with who gives
 * which figure; one line revising its own figure is not.
 */
export function quantityFindings(support: readonly Claim[], facts: ClaimFacts): QuantityFindings {
  if (!support.some((c) => c.frame.quantities.length)) return { contradictions: [], phases: [] };
  const groups = new Map<string, { unit: string; scope: string; items: { q: Quantity; claim: Claim }[] }>();
  for (const claim of support) {
    for (const q of claim.frame.quantities) {
      const unit = normalUnit(q.unit);
      const scope = scopeOf(claim);
      const key = `${unit}\u001f${scope}`;
      const g = groups.get(key) ?? { unit, scope, items: [] };
      g.items.push({ q, claim });
      groups.set(key, g);
    }
  }
  const contradictions: Contradiction[] = [];
  const byUnit = new Map<string, { scope: string; low: number; high: number; by: string[] }[]>();
  for (const g of [...groups.values()].sort((a, b) => (a.unit + a.scope < b.unit + b.scope ? -1 : 1))) {
    const figures = new Map<number, { claims: Claim[]; lines: Set<string>; by: Set<string> }>();
    for (const { q, claim } of g.items) {
      const f = figures.get(q.value) ?? { claims: [], lines: new Set(), by: new Set() };
      f.claims.push(claim);
      f.lines.add(facts.lineage(claim));
      f.by.add(facts.by(claim));
      figures.set(q.value, f);
    }
    const values = [...figures.keys()].sort((a, b) => a - b);
    byUnit.set(g.unit, [
      ...(byUnit.get(g.unit) ?? []),
      {
        scope: g.scope,
        low: values[0] as number,
        high: values.at(-1) as number,
        by: uniq([...figures.values()].flatMap((f) => [...f.by])),
      },
    ]);
    const conflicting = values.some((a) =>
      values.some((b) => {
        if (b <= a * (1 + QUANTITY_TOLERANCE)) return false;
        const la = figures.get(a)?.lines ?? new Set<string>();
        const lb = figures.get(b)?.lines ?? new Set<string>();
        // Only a disagreement between lines: one line giving two figures revised itself.
        return [...la].some((x) => [...lb].some((y) => x !== y));
      }),
    );
    if (!conflicting) continue;
    const list: QuantityFigure[] = values.map((value) => {
      const f = figures.get(value) as { claims: Claim[]; by: Set<string> };
      return { value, by: [...f.by].sort(), claimIds: ids(f.claims) };
    });
    // The side most lines give (ties: the lower figure) is the event's side; the others stand against it.
    const main = [...list].sort((a, b) => b.by.length - a.by.length || a.value - b.value)[0] as QuantityFigure;
    const low = values[0] as number;
    const high = values.at(-1) as number;
    contradictions.push({
      kind: 'quantity',
      claimIds: main.claimIds,
      againstClaimIds: uniq(list.filter((f) => f !== main).flatMap((f) => f.claimIds)) as ClaimId[],
      summary: `${g.unit} (${g.scope}): ${fmt(low)} to ${fmt(high)} — ${list
        .map((f) => `${fmt(f.value)} by ${f.by.join(', ')}`)
        .join('; ')}`,
      standing: true,
      party: null,
      acknowledged: null,
      figures: { unit: g.unit, low, high, values: list },
    });
  }
  const phases = [...byUnit]
    .filter(([, steps]) => new Set(steps.map((s) => s.scope)).size > 1)
    .map(([unit, steps]) => ({ unit, steps: steps.sort((a, b) => cmpScope(a.scope, b.scope)) }));
  return { contradictions, phases };
}

/**
 * Conflicting dates: claims that pin the happening to a day (or hour) but put it on days two or more
 * apart, from different lines. Reports a day apart are the usual slack (time zones, "yesterday").
 */
export function dateContradictions(support: readonly Claim[], facts: ClaimFacts): Contradiction[] {
  if (support.length < 2) return [];
  const dated = support.filter((c) => c.frame.time && ['day', 'hour'].includes(c.frame.time.precision));
  const days = uniq(dated.map((c) => c.frame.time?.start as string));
  if (days.length < 2) return [];
  const first = days[0] as string;
  const last = days.at(-1) as string;
  if (Date.parse(last) - Date.parse(first) < 2 * 86_400_000) return [];
  const on = (day: string) => dated.filter((c) => c.frame.time?.start === day);
  const lines = (cs: Claim[]) => new Set(cs.map(facts.lineage));
  if (!differentLines(lines(on(first)), lines(on(last)))) return [];
  const counts = days.map((d) => ({ d, n: lines(on(d)).size }));
  const main = [...counts].sort((a, b) => b.n - a.n || (a.d < b.d ? -1 : 1))[0]?.d as string;
  return [
    {
      kind: 'date',
      claimIds: ids(on(main)),
      againstClaimIds: ids(dated.filter((c) => c.frame.time?.start !== main)),
      summary: `dates differ: ${days.map((d) => `${d} (${uniq(on(d).map(facts.by)).join(', ')})`).join('; ')}`,
      standing: true,
      party: null,
      acknowledged: null,
      figures: null,
    },
  ];
}

/**
 * Conflicting places: different lines naming different admin-1 units (or countries) for the same
 * happening. A country and a unit inside it do not conflict: one is only less precise.
 */
export function placeContradictions(support: readonly Claim[], facts: ClaimFacts): Contradiction[] {
  if (support.length < 2) return [];
  const keyOf = (c: Claim) => c.frame.place?.admin1 ?? null;
  const placed = support.filter((c) => keyOf(c) !== null);
  const countries = uniq(support.map((c) => c.frame.place?.country).filter((x): x is string => !!x));
  const units = uniq(placed.map((c) => keyOf(c) as string));
  const useCountry = countries.length > 1;
  const key = useCountry ? (c: Claim) => c.frame.place?.country ?? null : keyOf;
  const names = useCountry ? countries : units;
  if (names.length < 2) return [];
  const on = (k: string) => support.filter((c) => key(c) === k);
  const linesOn = (k: string) => new Set(on(k).map(facts.lineage));
  if (!names.some((a) => names.some((b) => a < b && differentLines(linesOn(a), linesOn(b))))) return [];
  const main = [...names].sort(
    (a, b) => new Set(on(b).map(facts.lineage)).size - new Set(on(a).map(facts.lineage)).size || (a < b ? -1 : 1),
  )[0] as string;
  return [
    {
      kind: 'place',
      claimIds: ids(on(main)),
      againstClaimIds: ids(support.filter((c) => key(c) !== null && key(c) !== main)),
      summary: `places differ: ${names
        .map((k) => `${on(k)[0]?.frame.place?.name ?? k} (${uniq(on(k).map(facts.by)).join(', ')})`)
        .join('; ')}`,
      standing: true,
      party: null,
      acknowledged: null,
      figures: null,
    },
  ];
}

/** Whether two sets of lines hold two different lines, one from each: one line cannot contradict itself. */
function differentLines(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return [...a].some((x) => [...b].some((y) => x !== y));
}

/** Periods in the order they end, then start: a build-up reads from the first step to the last. */
function cmpScope(a: string, b: string): number {
  const [as, ae = as] = a.split('…') as [string, string?];
  const [bs, be = bs] = b.split('…') as [string, string?];
  return ae < be ? -1 : ae > be ? 1 : as < bs ? 1 : as > bs ? -1 : 0;
}
