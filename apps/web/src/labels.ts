/** Display vocabulary shared by the panes: colours and words for codebook values. */
export { CREDIBILITY_LABELS, PLOVER_TYPES, RELIABILITY_LABELS } from '@parallax/core';
export const QUAD_COLORS: Record<string, string> = {
  '1': '#4e9a6f',
  '2': '#2b7a4b',
  '3': '#d9822b',
  '4': '#c2412d',
  none: '#8a8f98',
};

export const QUAD_LABELS: Record<string, string> = {
  '1': 'Verbal cooperation',
  '2': 'Material cooperation',
  '3': 'Verbal conflict',
  '4': 'Material conflict',
  none: 'Uncoded',
};

export const STATUS_LABELS: Record<string, string> = {
  reported: 'Reported',
  corroborated: 'Corroborated',
  confirmed: 'Confirmed',
  disputed: 'Disputed',
  denied: 'Denied',
};

export function formatSpan(time: { start: string; end: string; precision: string } | null): string {
  if (!time) return 'undated';
  if (time.precision === 'month') return time.start.slice(0, 7);
  if (time.precision === 'year') return time.start.slice(0, 4);
  return time.start === time.end ? time.start : `${time.start} – ${time.end}`;
}
