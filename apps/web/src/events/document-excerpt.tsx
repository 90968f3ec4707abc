import type { Document } from '@parallax/core';
import { useApi } from '../use-api.ts';

const CONTEXT = 600;

/**
 * The claim's span highlighted in the stored document text. The text is rendered as text (React
 * escapes it); source HTML is never rendered.
 */
export function DocumentExcerpt({ documentId, start, end }: { documentId: string; start: number; end: number }) {
  const { data, error } = useApi<Document>(`/api/documents/${documentId}`);
  if (error) return <p className="excerpt">Could not load the document: {error.message}</p>;
  if (!data) return <p className="excerpt">Loading document…</p>;
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(data.text.length, end + CONTEXT);
  return (
    <div className="excerpt" data-testid="document-excerpt">
      {from > 0 ? '…' : ''}
      {data.text.slice(from, start)}
      <mark data-testid="claim-highlight">{data.text.slice(start, end)}</mark>
      {data.text.slice(end, to)}
      {to < data.text.length ? '…' : ''}
    </div>
  );
}
