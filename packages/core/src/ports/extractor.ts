import type { Actor } from '../model/actor.ts';
import type { Claim } from '../model/claim.ts';
import type { Document } from '../model/document.ts';
import type { Place } from '../model/place.ts';

/** What an extractor reads: the text and the date that anchors relative times ("on Monday"). */
export type ExtractionInput = Pick<Document, 'id' | 'text' | 'published' | 'retrieved' | 'language'>;

/** Claims found in one document, plus the actors and places they refer to (to be stored with them). */
export interface ExtractionResult {
  claims: Claim[];
  actors: Actor[];
  places: Place[];
}

/**
 * The Extractor port: text in, span-anchored Claims out. Implementations must be deterministic
 * (same text, same claims, same ids) and must not perform IO while extracting.
 */
export interface Extractor {
  /** Name and version recorded on every claim it produces (`Claim.extractor`). */
  readonly name: string;
  extract(input: ExtractionInput): ExtractionResult;
}
