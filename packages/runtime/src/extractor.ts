import type { ExtractionInput, ExtractionResult, Extractor } from '@parallax/core';
import { EXTRACTOR_NAME, loadExtractor } from '@parallax/extract';
import type { ReferenceData } from './reference-data.ts';

/**
 * Parallax's own extractor over the workspace's reference data. Its dictionaries and gazetteer take
 * a second or two to load, so they load on the first document, not when a workspace opens: commands
 * that only read never pay for them.
 */
export function createExtractor(reference: ReferenceData): Extractor {
  let loaded: Extractor | null = null;
  return {
    name: EXTRACTOR_NAME,
    extract(input: ExtractionInput): ExtractionResult {
      loaded ??= loadExtractor({ dataDir: reference.dir, codebook: reference.codebook });
      return loaded.extract(input);
    },
  };
}
