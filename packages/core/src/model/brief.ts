import type { BriefId } from './ids.ts';
import type { IsoDateTime } from './time.ts';

/** ICD 203 likelihood bands, stored as band ids because neighbouring bands share endpoints. */
export const LIKELIHOOD_BANDS = [
  { id: 'almost-no-chance', terms: ['almost no chance', 'remote'], min: 0.01, max: 0.05 },
  { id: 'very-unlikely', terms: ['very unlikely', 'highly improbable'], min: 0.05, max: 0.2 },
  { id: 'unlikely', terms: ['unlikely', 'improbable'], min: 0.2, max: 0.45 },
  { id: 'roughly-even', terms: ['roughly even chance', 'roughly even odds'], min: 0.45, max: 0.55 },
  { id: 'likely', terms: ['likely', 'probable'], min: 0.55, max: 0.8 },
  { id: 'very-likely', terms: ['very likely', 'highly probable'], min: 0.8, max: 0.95 },
  { id: 'almost-certain', terms: ['almost certain', 'nearly certain'], min: 0.95, max: 0.99 },
] as const;
export type LikelihoodBand = (typeof LIKELIHOOD_BANDS)[number]['id'];

export type ConfidenceLevel = 'high' | 'moderate' | 'low';

/** A judgment in a brief: likelihood and confidence are separate fields, never one number. */
export interface Judgment {
  text: string;
  likelihood: LikelihoodBand | null;
  confidence: ConfidenceLevel | null;
}

/** An analyst's document: Markdown with citation keys (`[@doc:…]`, `[@event:…]`). */
export interface Brief {
  id: BriefId;
  title: string;
  markdown: string;
  judgments: Judgment[];
  created: IsoDateTime;
  updated: IsoDateTime;
}
