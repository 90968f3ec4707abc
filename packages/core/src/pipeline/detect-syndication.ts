import type { Document } from '../model/document.ts';
import type { DocumentId } from '../model/ids.ts';

/** Word shingles of this length: long enough that shared ones mean copied text, not shared phrasing. */
const SHINGLE = 5;
/** Share of the shorter text's shingles found in the longer one that marks a copy. */
const COPY_THRESHOLD = 0.5;

function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  return out;
}

function containment(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

/**
 * Finds republished copies among documents: a document whose text largely reappears in an earlier
 * one (a wire story under a new headline, with a trimmed ending) is a copy of it. Pairwise, so meant
 * for batches of up to a few thousand documents; the earliest publication is taken as the original,
 * ties broken by id so the answer does not depend on input order.
 */
export function detectSyndication(documents: readonly Document[]): Map<DocumentId, DocumentId> {
  const ordered = [...documents].sort(
    (a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const sets = ordered.map((d) => shingles(d.text));
  const copies = new Map<DocumentId, DocumentId>();
  for (let i = 0; i < ordered.length; i++) {
    const doc = ordered[i] as Document;
    for (let j = 0; j < i; j++) {
      const candidate = ordered[j] as Document;
      if (copies.has(candidate.id)) continue;
      if (containment(sets[i] as Set<string>, sets[j] as Set<string>) >= COPY_THRESHOLD) {
        copies.set(doc.id, candidate.id);
        break;
      }
    }
  }
  return copies;
}
