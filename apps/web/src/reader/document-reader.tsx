import type { Claim, Document } from '@parallax/core';
import { useEffect, useMemo, useRef } from 'react';
import type { Page } from '../api-client.ts';
import { useApi } from '../use-api.ts';
import { segmentText } from './text-segments.ts';

export interface DocumentReaderProps {
  documentId: string;
  claimId: string | null;
  onClose(): void;
  onEventsFromDocument(documentId: string): void;
}

/**
 * A reader view of one stored document: its text, every claim read from it marked, the selected
 * claim's span highlighted and scrolled into view. The text is rendered as text (React escapes it);
 * the source's HTML is never rendered.
 */
export function DocumentReader({ documentId, claimId, onClose, onEventsFromDocument }: DocumentReaderProps) {
  const doc = useApi<Document>(`/api/documents/${documentId}`);
  const claims = useApi<Page<Claim>>(`/api/claims?document=${documentId}&limit=1000`);
  const selectedRef = useRef<HTMLElement | null>(null);
  const segments = useMemo(
    () =>
      doc.data && doc.data.id === documentId
        ? segmentText(
            doc.data.text,
            (claims.data?.items ?? []).map((c) => ({ id: c.id, start: c.start, end: c.end })),
            claimId,
          )
        : [],
    [doc.data, claims.data, claimId, documentId],
  );
  const claimById = useMemo(() => new Map((claims.data?.items ?? []).map((c) => [c.id, c])), [claims.data]);

  useEffect(() => {
    if (segments.length) selectedRef.current?.scrollIntoView({ block: 'center' });
  }, [segments]);

  const d = doc.data;
  let firstSelected = true;
  let offset = 0;
  return (
    <article className="reader" aria-label="Source document" data-testid="reader">
      <header className="pane-head">
        <h2>{d?.title ?? 'Loading document…'}</h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close the reader (Escape)">
          ×
        </button>
      </header>
      {doc.error && <p className="error">Could not load the document: {doc.error.message}</p>}
      {d && (
        <>
          <p className="reader-meta">
            {d.publisher ?? 'unknown publisher'}
            {d.author ? ` · ${d.author}` : ''}
            {d.published ? ` · published ${d.published.slice(0, 16).replace('T', ' ')} UTC` : ''} · retrieved{' '}
            {d.retrieved.slice(0, 10)} · {d.language} · {d.mediaType}
            {d.url ? (
              <>
                {' · '}
                <a href={d.url} target="_blank" rel="noopener noreferrer">
                  original
                </a>
              </>
            ) : null}
            {' · '}
            <button type="button" className="link" onClick={() => onEventsFromDocument(d.id)}>
              events citing it
            </button>
          </p>
          {d.retracted && (
            <p className="retracted" role="note">
              Retracted {d.retracted.at.slice(0, 10)}: {d.retracted.reason}
            </p>
          )}
          {d.syndicatedFrom && <p className="reader-meta">Republishes another document in the workspace.</p>}
          <div className="reader-text" data-testid="reader-text">
            {segments.map((s) => {
              const key = offset;
              offset += s.text.length;
              if (!s.claims.length) return <span key={key}>{s.text}</span>;
              const ref = s.selected && firstSelected;
              if (s.selected) firstSelected = false;
              const label = s.claims
                .map((id) => claimById.get(id as Claim['id']))
                .map((c) => (c ? `${c.stance}${c.speaker ? ` — ${c.speaker.name}` : ''}` : ''))
                .join('; ');
              return (
                <mark
                  key={key}
                  ref={ref ? selectedRef : undefined}
                  className={s.selected ? 'selected' : 'claim-span'}
                  data-testid={s.selected ? 'claim-highlight' : undefined}
                  title={label}
                >
                  {s.text}
                </mark>
              );
            })}
          </div>
          <p className="reader-meta">
            {claims.data
              ? `${claims.data.total} claims read from this document are marked; the selected one is highlighted.`
              : ''}
          </p>
        </>
      )}
    </article>
  );
}
