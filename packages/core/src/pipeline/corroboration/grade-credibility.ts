import type { Credibility, EventStatus, Reliability } from '../../model/codes.ts';

/** One line of reporting that supports an event and is not a party to it. */
export interface SupportLine {
  lineage: string;
  label: string;
  /** Best grade among the line's origins; F means nobody has judged it, not that it is bad. */
  reliability: Reliability;
  /** Every claim on this line is a coded dataset row: a lead whose article lineage is unknown. */
  datasetOnly: boolean;
}

/** What the grade rests on, counted by `weighEvent`. */
export interface GradeBasis {
  /** Claims still counting (not retracted, not from a discredited source). */
  usableClaims: number;
  /** Independent supporting lines: different origins, not in one lineage, not parties to the event. */
  lines: SupportLine[];
  /** Lines of parties to the event that say it happened. */
  interestedLines: number;
  /** Claims that only speculate or state a condition. */
  hedgedClaims: number;
  supportClaims: number;
  denialClaims: number;
  /** Lines not party to the event whose denial stands. */
  independentDenials: number;
  /** A party's denial that it has not taken back. */
  partyDenialStanding: boolean;
  /** Standing contradictions of quantity, date or place. */
  detailContradictions: number;
  /** Of those, the ones about when or where (date, place): the lines may not describe one happening. */
  whenWhereContradictions: number;
}

/**
 * Information credibility on the Admiralty scale (anchors §4.1), from confirmation and coherence only;
 * a Source's reliability letter is a separate rating and never lowers this number. The one use of
 * the letter: a single line whose reliability cannot be judged (F) gives no basis, so 6, not "bad".
 */
export function gradeCredibility(b: GradeBasis): { credibility: Credibility; why: string } {
  const n = b.lines.length;
  if (b.usableClaims === 0) return { credibility: 6, why: 'no claim still counts' };
  if (n >= 2) {
    if (b.independentDenials >= n)
      return { credibility: 3, why: 'independent lines confirm it, as many independent lines deny it' };
    if (b.independentDenials > 0)
      return { credibility: 2, why: 'confirmed by independent lines but denied by another that is not a party' };
    if (b.lines.every((l) => l.datasetOnly))
      return {
        credibility: 2,
        why: 'only coded dataset rows from different articles agree; whether those articles are independent is unknown',
      };
    // Lines that disagree on when or where have not confirmed one happening: at most probably true.
    // Figures that differ (10,000 vs 12,000) leave the happening itself confirmed.
    if (b.whenWhereContradictions > 0)
      return {
        credibility: 2,
        why: 'independent lines report it, but they disagree on when or where it happened',
      };
    return {
      credibility: 1,
      why: 'confirmed by origins of demonstrably different lineage, and not denied by a non-party',
    };
  }
  if (n === 1) {
    const line = b.lines[0] as SupportLine;
    if (b.independentDenials > 1) return { credibility: 5, why: 'one line says so, several independent lines deny it' };
    if (b.independentDenials === 1) return { credibility: 4, why: 'one line says so, an independent line denies it' };
    const consistent = b.interestedLines > 0 || b.hedgedClaims > 0;
    if (consistent) return { credibility: 2, why: 'no independent confirmation, but consistent with other reporting' };
    if (line.reliability === 'F')
      return {
        credibility: 6,
        why: 'a single line whose reliability cannot be judged, and nothing to check it against',
      };
    return { credibility: 3, why: 'a single line, not confirmed and not contradicted' };
  }
  if (b.interestedLines > 0) {
    return b.independentDenials > 0
      ? { credibility: 5, why: 'only parties to the event say so, and an independent line denies it' }
      : { credibility: 4, why: 'only parties to the event say so' };
  }
  if (b.hedgedClaims > 0) return { credibility: 4, why: 'only speculation or conditional statements' };
  return { credibility: 6, why: 'only denials: nobody here says it happened' };
}

/**
 * Status, in order of precedence: confirmed (credibility 1) > denied (a party's denial stands, or
 * only denials) > disputed (any other contradiction stands) > corroborated (two or more independent
 * lines) > reported.
 */
export function eventStatus(b: GradeBasis, credibility: Credibility): EventStatus {
  if (credibility === 1) return 'confirmed';
  if (b.partyDenialStanding || (b.denialClaims > 0 && b.supportClaims === 0)) return 'denied';
  if (b.independentDenials > 0 || b.detailContradictions > 0) return 'disputed';
  if (b.lines.length >= 2) return 'corroborated';
  return 'reported';
}
