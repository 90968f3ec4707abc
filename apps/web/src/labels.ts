/** Display vocabulary shared by the panes: colours and words for codebook values. */
export { CREDIBILITY_LABELS, PLOVER_TYPES, RELIABILITY_GRADES, RELIABILITY_LABELS } from '@parallax/core';

/**
 * Cooperation in blues, conflict in oranges and reds: a diverging scheme that stays readable with
 * the common red–green colour-vision deficiencies, unlike green-versus-red.
 */
export const QUAD_COLORS: Record<string, string> = {
  '1': '#6baed6',
  '2': '#2171b5',
  '3': '#f28e2b',
  '4': '#c6282b',
  none: '#8a8f98',
};

export const QUAD_LABELS: Record<string, string> = {
  '1': 'Verbal cooperation',
  '2': 'Material cooperation',
  '3': 'Verbal conflict',
  '4': 'Material conflict',
  none: 'Uncoded',
};

/** One colour per PLOVER type, in the hue family of its quad class so stacks still read as coop/conflict. */
export const PLOVER_COLORS: Record<string, string> = {
  AGREE: '#9ecae1',
  CONSULT: '#6baed6',
  SUPPORT: '#4292c6',
  CONCEDE: '#c6dbef',
  COOPERATE: '#2171b5',
  AID: '#08519c',
  RETREAT: '#74a9cf',
  REQUEST: '#fdd0a2',
  ACCUSE: '#fdae6b',
  REJECT: '#f28e2b',
  THREATEN: '#d94801',
  PROTEST: '#fb6a4a',
  SANCTION: '#a50f15',
  MOBILIZE: '#ef3b2c',
  COERCE: '#67000d',
  ASSAULT: '#c6282b',
  none: '#8a8f98',
};

export const STATUS_LABELS: Record<string, string> = {
  reported: 'Reported',
  corroborated: 'Corroborated',
  confirmed: 'Confirmed',
  disputed: 'Disputed',
  denied: 'Denied',
};

export function stackColor(stack: 'quadClass' | 'plover', key: string): string {
  return (stack === 'quadClass' ? QUAD_COLORS[key] : PLOVER_COLORS[key]) ?? '#8a8f98';
}

export function stackLabel(stack: 'quadClass' | 'plover', key: string): string {
  if (stack === 'quadClass') return QUAD_LABELS[key] ?? key;
  return key === 'none' ? 'Uncoded' : key.toLowerCase();
}

export function formatSpan(
  time: { start: string; end: string; precision: string; hour?: number | null } | null,
): string {
  if (!time) return 'undated';
  if (time.precision === 'month') return time.start.slice(0, 7);
  if (time.precision === 'year') return time.start.slice(0, 4);
  if (time.precision === 'hour' && typeof time.hour === 'number')
    return `${time.start} ${String(time.hour).padStart(2, '0')}:00Z`;
  return time.start === time.end ? time.start : `${time.start} – ${time.end}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
