import type { RecorroborateSummary } from '@parallax/app';

/** One line per event whose weight moved: what an analyst needs after retracting or discrediting. */
export function eventChangesText(summary: RecorroborateSummary, limit = 50): string {
  const lines = summary.changes.slice(0, limit).map(({ before, after }) => {
    if (before && after && before.id === after.id)
      return `  ${after.id}: credibility ${before.credibility} → ${after.credibility}, ${before.status} → ${after.status}${before.claimIds.length !== after.claimIds.length ? `, claims ${before.claimIds.length} → ${after.claimIds.length}` : ''}`;
    if (after)
      return `  ${after.id}: new event (credibility ${after.credibility}, ${after.status}, ${after.claimIds.length} claims)`;
    return `  ${before?.id}: removed (its claims now belong to other events)`;
  });
  const more = summary.changes.length > limit ? [`  … and ${summary.changes.length - limit} more`] : [];
  return [
    `${summary.changes.length} event${summary.changes.length === 1 ? '' : 's'} changed (${summary.mode} run over ${summary.claims} claims)`,
    ...lines,
    ...more,
  ].join('\n');
}
