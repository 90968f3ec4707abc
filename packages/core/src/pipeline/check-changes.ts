import { IntegrityError } from '../model/errors.ts';
import type { ClaimId, DocumentId } from '../model/ids.ts';
import type { StoreChanges } from '../ports/store.ts';

export const EVENT_ID = /^evt_[0-9a-f]{20}$/;

/**
 * Referential checks every Store runs before writing: a claim must cite a document, an event must
 * cite claims, offsets must lie inside the text. Failing any of them rejects the whole change set.
 * `hasDocument`/`hasClaim` answer for what is already stored.
 */
export function checkChanges(
  changes: StoreChanges,
  stored: {
    hasDocument(id: DocumentId): boolean;
    hasClaim(id: ClaimId): boolean;
    documentLength(id: DocumentId): number | null;
  },
): void {
  const newDocs = new Map((changes.documents ?? []).map((d) => [d.id, d.text.length]));
  for (const doc of changes.documents ?? []) {
    if (!doc.id || !doc.title.trim())
      throw new IntegrityError(`document ${doc.id || '(no id)'}: a document needs an id and a title`);
  }
  const newClaims = new Set((changes.claims ?? []).map((c) => c.id));
  for (const claim of changes.claims ?? []) {
    const length = newDocs.get(claim.documentId) ?? stored.documentLength(claim.documentId);
    if (length === null || length === undefined) {
      throw new IntegrityError(`claim ${claim.id}: cites document ${claim.documentId}, which is not stored`);
    }
    if (claim.start < 0 || claim.end < claim.start || claim.end > length) {
      throw new IntegrityError(
        `claim ${claim.id}: span ${claim.start}–${claim.end} lies outside document ${claim.documentId} (length ${length})`,
      );
    }
  }
  for (const d of changes.clusterDecisions ?? []) {
    if (!d.reason.trim()) throw new IntegrityError(`cluster decision ${d.id}: a decision needs a reason`);
    if (!d.claimIds.length) throw new IntegrityError(`cluster decision ${d.id}: names no claims`);
    if (d.kind === 'split' && !d.apartFromClaimIds.length)
      throw new IntegrityError(`cluster decision ${d.id}: a split needs the claims to keep apart from`);
    for (const id of [...d.claimIds, ...d.apartFromClaimIds]) {
      if (!newClaims.has(id) && !stored.hasClaim(id))
        throw new IntegrityError(`cluster decision ${d.id}: cites claim ${id}, which is not stored`);
    }
  }
  for (const event of changes.events ?? []) {
    // Stores may index events by the hash in their id, so ids must be what eventId-style hashing yields.
    if (!EVENT_ID.test(event.id))
      throw new IntegrityError(`event ${event.id}: ids must be evt_ followed by 20 hex digits`);
    if (event.claimIds.length === 0) throw new IntegrityError(`event ${event.id}: an event needs at least one claim`);
    for (const id of event.claimIds) {
      if (!newClaims.has(id) && !stored.hasClaim(id)) {
        throw new IntegrityError(`event ${event.id}: cites claim ${id}, which is not stored`);
      }
    }
  }
}
