import {
  type Claim,
  type ClaimId,
  type Clock,
  contentId,
  type Document,
  datasetClaimId,
  ID_PREFIX,
  type Source,
  type Store,
} from '@parallax/core';
import { emptyImportSummary, finishImport, type ImportSummary, MAX_LISTED_REJECTIONS } from './import-dataset.ts';

/** A slice of a GDELT mentions file as the reader yields it. */
export interface MentionChunkRead {
  document: Document;
  mentions: {
    eventId: number;
    url: string;
    start: number;
    end: number;
    line: string;
  }[];
  lines: number;
  rejected: { line: number; reason: string }[];
}

export interface MentionImportSummary extends ImportSummary {
  /** Mentions of events not in the workspace (their export was not imported, or was filtered out). */
  unmatched: number;
}

/**
 * Attaches GDELT mentions to the events they mention: each mention of a stored GDELT event becomes a
 * claim with that event's frame, citing the mentioning article. Corroboration counts articles as
 * origins, so a further outlet reporting the event adds an origin to the same event, while a second
 * mention by the article GDELT coded the event from adds nothing.
 */
export async function importGdeltMentions(
  deps: { store: Store; clock: Clock },
  files: { path: string; chunks: () => AsyncIterable<MentionChunkRead> }[],
  options: { corroborate?: boolean; source: Source; onProgress?: (s: MentionImportSummary) => void },
): Promise<MentionImportSummary> {
  const summary: MentionImportSummary = { ...emptyImportSummary(), unmatched: 0 };
  for (const file of files) {
    summary.files++;
    try {
      for await (const chunk of file.chunks()) {
        summary.read += chunk.lines;
        summary.failed += chunk.rejected.length;
        for (const r of chunk.rejected) {
          if (summary.rejected.length < MAX_LISTED_REJECTIONS) summary.rejected.push({ file: file.path, ...r });
        }
        const events = new Map<number, Claim | null>();
        const claims: Claim[] = [];
        for (const m of chunk.mentions) {
          let event = events.get(m.eventId);
          if (event === undefined) {
            event = await deps.store.getClaim(datasetClaimId('gdelt-events', m.eventId));
            events.set(m.eventId, event);
          }
          if (!event) {
            summary.unmatched++;
            continue;
          }
          if (event.dataset?.url === m.url) {
            summary.duplicates++;
            continue;
          }
          claims.push({
            id: contentId(ID_PREFIX.claim, 'gdelt-mention', m.eventId, m.url) as ClaimId,
            documentId: chunk.document.id,
            start: m.start,
            end: m.end,
            quote: m.line,
            speaker: null,
            stance: 'asserts',
            negated: false,
            hypothetical: false,
            frame: event.frame,
            extractor: 'gdelt-2.0-mentions',
            dataset: { dataset: 'gdelt', recordId: `${m.eventId}#mention`, url: m.url },
          });
        }
        if (claims.length) {
          const result = await deps.store.appendDatasetChunk({
            sources: [options.source],
            document: chunk.document,
            actors: [],
            places: [],
            claims,
          });
          summary.inserted += result.inserted;
          summary.duplicates += result.duplicates;
        }
        options.onProgress?.(summary);
      }
    } catch (error) {
      summary.failedFiles.push({ file: file.path, reason: (error as Error).message });
    }
  }
  await finishImport(deps, summary, { corroborate: options.corroborate });
  return summary;
}
