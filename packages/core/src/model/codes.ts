/**
 * Vocabularies from the standards Parallax speaks: PLOVER event types, CAMEO quad classes, the NATO
 * Admiralty grades. These are fixed by their codebooks, not by any case, so they live in the core.
 */

/** The 16 current PLOVER event types (PLOVER manual, draft 2.0). */
export const PLOVER_TYPES = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];

export function isPloverType(value: string): value is PloverType {
  return (PLOVER_TYPES as readonly string[]).includes(value);
}

/**
 * CAMEO/GDELT quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
 * 4 material conflict.
 */
export type QuadClass = 1 | 2 | 3 | 4;

export const QUAD_CLASS_LABELS: Record<QuadClass, string> = {
  1: 'Verbal cooperation',
  2: 'Material cooperation',
  3: 'Verbal conflict',
  4: 'Material conflict',
};

const PLOVER_QUAD: Record<PloverType, QuadClass> = {
  AGREE: 1,
  CONSULT: 1,
  SUPPORT: 1,
  CONCEDE: 1,
  COOPERATE: 2,
  AID: 2,
  RETREAT: 2,
  REQUEST: 3,
  ACCUSE: 3,
  REJECT: 3,
  THREATEN: 3,
  PROTEST: 4,
  // The manual's summary table lists SANCTION as verbal conflict, its own section as material; the
  // section is the more specific text, so it wins.
  SANCTION: 4,
  MOBILIZE: 4,
  COERCE: 4,
  ASSAULT: 4,
};

export function quadClassOfPlover(type: PloverType): QuadClass {
  return PLOVER_QUAD[type];
}

/** The quad class of a CAMEO code from its two-digit root, as GDELT assigns it. */
export function quadClassOfCameo(code: string): QuadClass | null {
  const root = Number(code.slice(0, 2));
  if (!Number.isInteger(root) || root < 1 || root > 20) return null;
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

/** CAMEO root codes (two digits, as strings to keep the leading zero). */
export function cameoRoot(code: string): string | null {
  return /^\d{2,4}$/.test(code) ? code.slice(0, 2) : null;
}

/** NATO Admiralty source reliability. F means "cannot be judged", not "bad". */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY_GRADES)[number];

export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

/** NATO Admiralty information credibility. 6 means "cannot be judged", not "worst". */
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITY_GRADES)[number];

export const CREDIBILITY_LABELS: Record<Credibility, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};

export function isCredibility(value: number): value is Credibility {
  return Number.isInteger(value) && value >= 1 && value <= 6;
}

/** How the speaker of a claim stands towards the event frame it states. */
export const STANCES = ['asserts', 'confirms', 'denies', 'alleges', 'speculates'] as const;
export type Stance = (typeof STANCES)[number];

/** Where an event stands once its claims have been weighed. */
export const EVENT_STATUSES = ['reported', 'corroborated', 'confirmed', 'disputed', 'denied'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
