import { type ClaimId, type Clock, type Document, type DocumentId, NotFoundError, type Store } from '@parallax/core';
import { copiesOf } from './grade-source.ts';
import { type RecorroborateSummary, recorroborate } from './recorroborate.ts';
import { requireReason } from './require-reason.ts';

const PAGE = 5000;

/**
 * Marks a document retracted (its text stays: documents are immutable) and re-weighs exactly the
 * events that cite it or a copy of it, reporting which changed and how.
 */
export async function retractDocument(
  deps: { store: Store; clock: Clock },
  id: string,
  reason: string,
): Promise<{ document: Omit<Document, 'text'>; events: RecorroborateSummary }> {
  const why = requireReason(reason, '--why');
  const docId = id as DocumentId;
  const at = deps.clock.now();
  if (!(await deps.store.retractDocument(docId, why, at))) throw new NotFoundError(`document ${id}: not found`);
  const claimIds: ClaimId[] = [];
  for (const d of [docId, ...(await copiesOf(deps.store, [docId]))]) {
    let cursor: string | null = null;
    do {
      const page = await deps.store.listClaims({ documentId: d }, { limit: PAGE, cursor });
      claimIds.push(...page.items.map((c) => c.id));
      cursor = page.next;
    } while (cursor);
  }
  const events = await recorroborate(deps, { claimIds });
  const { text: _text, ...document } = (await deps.store.getDocument(docId)) as Document;
  return { document, events };
}
