import type { Claim } from '@parallax/core';
import { useState } from 'react';
import type { EventDetailResponse } from '../api-client.ts';
import { CREDIBILITY_LABELS, formatSpan, RELIABILITY_LABELS, STATUS_LABELS } from '../labels.ts';
import { useApi } from '../use-api.ts';
import { DocumentExcerpt } from './document-excerpt.tsx';

/** One event: what is claimed, by whom, how sure and why — every line one click from its quote. */
export function EventDetail({ id, onClose }: { id: string; onClose(): void }) {
  const { data, error, loading } = useApi<EventDetailResponse>(`/api/events/${id}`);
  const [open, setOpen] = useState<string | null>(null);
  if (error)
    return (
      <aside className="event-detail" data-testid="event-detail">
        Could not load the event: {error.message}
      </aside>
    );
  if (loading || !data)
    return (
      <aside className="event-detail" data-testid="event-detail">
        Loading…
      </aside>
    );
  const { summary: e, claims, documents, sources } = data;
  const docOf = (c: Claim) => documents.find((d) => d.id === c.documentId);
  const sourceOf = (sourceId: string | null) => sources.find((s) => s.id === sourceId);
  return (
    <aside className="event-detail" data-testid="event-detail" aria-label="Event detail">
      <header>
        <h2>
          {e.plover ?? (e.cameo ? `CAMEO ${e.cameo}` : 'Event')}
          {e.ploverMode ? <small> · {e.ploverMode}</small> : null}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close event detail">
          ×
        </button>
      </header>
      <dl className="frame">
        <dt>Who</dt>
        <dd>
          {e.actors.map((a) => (
            <span key={`${a.role}${a.id}`} className={`actor role-${a.role}`}>
              {a.name}
              {a.code ? <code>{a.code}</code> : null}
            </span>
          ))}
        </dd>
        <dt>Where</dt>
        <dd>{e.place ? `${e.place.name}${e.place.admin1 ? ` (${e.place.admin1})` : ''}` : 'not placed'}</dd>
        <dt>When</dt>
        <dd>
          {formatSpan(e.time)} {e.time ? <small>({e.time.precision})</small> : null}
        </dd>
        {e.quantities.length > 0 && (
          <>
            <dt>Numbers</dt>
            <dd>
              {e.quantities
                .map((q) => `${q.approximate ? '~' : ''}${q.value.toLocaleString('en-US')} ${q.unit}`)
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      <section className="grade">
        <span className={`badge cred-${e.credibility}`}>{e.credibility}</span>
        <div>
          <strong>{CREDIBILITY_LABELS[e.credibility as keyof typeof CREDIBILITY_LABELS]}</strong> ·{' '}
          <span className={`status status-${e.status}`}>{STATUS_LABELS[e.status]}</span>
          <p className="rationale">{e.rationale}</p>
        </div>
      </section>
      {e.contradictions.length > 0 && (
        <section className="contradictions">
          <h3>Contradictions</h3>
          <ul>
            {e.contradictions.map((c) => (
              <li key={`${c.kind}${c.summary}`}>
                <strong>{c.kind}</strong>: {c.summary}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="origins">
        <h3>Origins ({e.origins.length})</h3>
        <ul>
          {e.origins.map((o) => (
            <li key={o.id}>
              {o.label}{' '}
              <small>
                ({o.kind}
                {o.interested ? ', party to the event' : ''}; {o.documentCount} doc.)
              </small>
            </li>
          ))}
        </ul>
      </section>
      <section className="claims">
        <h3>Claims ({claims.length})</h3>
        <ol>
          {claims.map((c) => {
            const doc = docOf(c);
            const source = sourceOf(doc?.sourceId ?? null);
            return (
              <li key={c.id} className={`claim stance-${c.stance}`}>
                {c.dataset ? (
                  <div className="dataset-record">
                    <p>
                      {c.dataset.dataset.toUpperCase()} record {c.dataset.recordId}
                      {c.dataset.url ? (
                        <>
                          , coded from{' '}
                          <a href={c.dataset.url} target="_blank" rel="noopener noreferrer">
                            {c.dataset.url}
                          </a>
                        </>
                      ) : null}
                    </p>
                    <details>
                      <summary>the row as published</summary>
                      <blockquote data-testid="claim-quote">{c.quote}</blockquote>
                    </details>
                  </div>
                ) : (
                  <blockquote data-testid="claim-quote">{c.quote}</blockquote>
                )}
                <p className="attribution">
                  <span className="stance">{c.negated ? 'denies (negated)' : c.stance}</span>
                  {c.speaker ? ` — ${c.speaker.name}` : ''}
                  {doc ? (
                    <>
                      {' · '}
                      {doc.url ? (
                        <a href={doc.url} target="_blank" rel="noopener noreferrer">
                          {doc.title}
                        </a>
                      ) : (
                        doc.title
                      )}
                      {doc.publisher ? `, ${doc.publisher}` : ''}
                      {doc.published ? `, ${doc.published.slice(0, 10)}` : ''}
                    </>
                  ) : null}
                  {source ? (
                    <span className="reliability" title={RELIABILITY_LABELS[source.reliability]}>
                      {' '}
                      source {source.reliability}
                    </span>
                  ) : null}
                  {c.extractor === 'demo-fixture' ? <span className="fixture"> · hand-coded demo claim</span> : null}
                </p>
                <button type="button" className="link" onClick={() => setOpen(open === c.id ? null : c.id)}>
                  {open === c.id ? 'Hide in document' : 'Show in document'}
                </button>
                {open === c.id && <DocumentExcerpt documentId={c.documentId} start={c.start} end={c.end} />}
              </li>
            );
          })}
        </ol>
      </section>
    </aside>
  );
}
