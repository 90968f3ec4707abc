import type { Actor, Claim, Clock, Document, Place, Source, Store } from '@parallax/core';
import { type RecorroborateSummary, recorroborate } from './recorroborate.ts';

/** A coded dataset file as an adapter read it: the file as a Document, its rows as Claims. */
export interface DatasetFile {
  document: Document;
  source: Source;
  claims: Claim[];
  actors: Actor[];
  places: Place[];
  rejected: { line: number; reason: string }[];
}

export interface ImportSummary {
  read: number;
  inserted: number;
  duplicates: number;
  failed: number;
  rejected: { file: string; line: number; reason: string }[];
  events: RecorroborateSummary | null;
}

/**
 * Stores dataset files (GDELT exports, UCDP extracts): each file and its rows in one transaction, so
 * a re-import adds nothing and a failure never leaves half a file. Rows are leads, not verified
 * incidents; corroboration weighs them like any other origin.
 */
export async function importDatasetFiles(
  deps: { store: Store; clock: Clock },
  files: readonly DatasetFile[],
  options: { corroborate?: boolean } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, inserted: 0, duplicates: 0, failed: 0, rejected: [], events: null };
  for (const file of files) {
    summary.read += file.claims.length + file.rejected.length;
    summary.failed += file.rejected.length;
    summary.rejected.push(...file.rejected.map((r) => ({ file: file.document.title, ...r })));
    const existing = new Set<string>();
    for (const claim of file.claims) if (await deps.store.getClaim(claim.id)) existing.add(claim.id);
    await deps.store.apply({
      sources: [file.source],
      documents: [file.document],
      actors: file.actors,
      places: file.places,
      claims: file.claims.filter((c) => !existing.has(c.id)),
    });
    summary.inserted += file.claims.length - existing.size;
    summary.duplicates += existing.size;
  }
  if (options.corroborate !== false && summary.inserted > 0) summary.events = await recorroborate(deps);
  return summary;
}
