import { type Claim, independentLineCount, isDenial } from '@parallax/core';
import type { EventDetailResponse } from '../api-client.ts';
import { CREDIBILITY_LABELS, formatSpan, RELIABILITY_LABELS, STATUS_LABELS } from '../labels.ts';
import { useApi } from '../use-api.ts';

export interface EventDetailProps {
  id: string;
  revision: number;
  /** The claim whose document is open in the reader, if any. */
  openClaim: string | null;
  onClose(): void;
  onReadClaim(documentId: string, claimId: string): void;
  onFilterActor(id: string): void;
}

/** One event: what is claimed, by whom, how sure and why — every line one click from its quote. */
export function EventDetail({ id, revision, openClaim, onClose, onReadClaim, onFilterActor }: EventDetailProps) {
  const { data, error, loading } = useApi<EventDetailResponse>(`/api/events/${id}`, revision);
  if (error)
    return (
      <aside className="event-detail" data-testid="event-detail">
        <p className="error">Could not load the event: {error.message}</p>
        <button type="button" onClick={onClose}>
          Back to the list
        </button>
      </aside>
    );
  if (!data || (loading && data.event.id !== id))
    return (
      <aside className="event-detail" data-testid="event-detail" aria-busy="true">
        <p className="empty">Loading…</p>
      </aside>
    );
  const { summary: e, claims, documents, sources } = data;
  const claimById = new Map([...data.contradictingClaims, ...claims].map((c) => [c.id, c]));
  const joinedBecause = new Map(data.joins.map((j) => [j.claimId, j.because]));
  const lookup = (cid: string) => claimById.get(cid as Claim['id']);
  const docOf = (c: Claim) => documents.find((d) => d.id === c.documentId);
  const sourceOf = (sourceId: string | null) => sources.find((s) => s.id === sourceId);

  const attribution = (c: Claim) => {
    const doc = docOf(c);
    const source = sourceOf(doc?.sourceId ?? null);
    return (
      <p className="attribution">
        <span className={`stance stance-${c.stance}`}>{c.negated ? 'denies (negated)' : c.stance}</span>
        {c.hypothetical ? <span className="stance"> · hypothetical</span> : null}
        {c.speaker ? ` — ${c.speaker.name}` : ''}
        {doc ? (
          <>
            {' · '}
            {doc.title}
            {doc.publisher ? `, ${doc.publisher}` : ''}
            {doc.published ? `, ${doc.published.slice(0, 10)}` : ''}
          </>
        ) : null}
        {source ? (
          <span className="reliability" title={RELIABILITY_LABELS[source.reliability]}>
            {' '}
            · source {source.reliability}
          </span>
        ) : null}
        {doc?.syndicatedFrom ? <span className="copy"> · republished copy</span> : null}
        {c.extractor === 'demo-fixture' ? <span className="fixture"> · hand-coded demo claim</span> : null}
      </p>
    );
  };

  const quote = (c: Claim) =>
    c.dataset ? (
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
    );

  const side = (ids: string[]) =>
    ids.map((cid) => {
      const c = claimById.get(cid as Claim['id']);
      return c ? (
        <li key={cid}>
          <q>{c.quote}</q>
          {attribution(c)}
        </li>
      ) : null;
    });

  return (
    <aside className="event-detail" data-testid="event-detail" aria-label="Event detail">
      <header>
        <h2>
          {e.plover ?? (e.cameo ? `CAMEO ${e.cameo}` : 'Event')}
          {e.ploverMode ? <small> · {e.ploverMode}</small> : null}
          {e.cameo && e.plover ? <small> · CAMEO {e.cameo}</small> : null}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close event detail (Escape)">
          ×
        </button>
      </header>
      <dl className="frame">
        <dt>Who</dt>
        <dd>
          {e.actors.length === 0 ? 'no actors coded' : null}
          {e.actors.map((a) => (
            <button
              type="button"
              key={`${a.role}${a.id}`}
              className={`actor role-${a.role}`}
              onClick={() => onFilterActor(a.id)}
              title={`Filter to events involving ${a.name}`}
            >
              {a.name}
              {a.code ? <code>{a.code}</code> : null}
            </button>
          ))}
        </dd>
        <dt>Where</dt>
        <dd>{e.place ? `${e.place.name}${e.place.admin1 ? ` (${e.place.admin1})` : ''}` : 'not placed'}</dd>
        <dt>When</dt>
        <dd>
          {formatSpan(data.event.frame.time)} {e.time ? <small>({e.time.precision})</small> : null}
          {e.firstReported ? <small> · first reported {e.firstReported.slice(0, 16).replace('T', ' ')}</small> : null}
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
        {e.goldstein !== null && (
          <>
            <dt>Goldstein</dt>
            <dd>
              {e.goldstein > 0 ? '+' : ''}
              {e.goldstein} <small>(−10 conflict … +10 cooperation)</small>
            </dd>
          </>
        )}
      </dl>
      <section className="grade" aria-label="Credibility">
        <span className={`badge cred-${e.credibility}`} title={`Credibility ${e.credibility}`}>
          {e.credibility}
        </span>
        <div>
          <strong>{CREDIBILITY_LABELS[e.credibility as keyof typeof CREDIBILITY_LABELS]}</strong> ·{' '}
          <span className={`status status-${e.status}`}>{STATUS_LABELS[e.status]}</span>
          <p className="rationale">{e.rationale}</p>
        </div>
      </section>
      {e.contradictions.length > 0 && (
        <section className="contradictions">
          <h3>Contradictions ({e.contradictions.length})</h3>
          {data.event.contradictions.map((c) => (
            <div
              key={`${c.kind}${c.summary}`}
              className={`contradiction${c.standing ? '' : ' settled'}`}
              data-testid="contradiction"
            >
              <p>
                <strong>{c.kind}</strong>
                {c.standing ? null : <span className="settled-tag"> · no longer weighs</span>}: {c.summary}
              </p>
              {c.party ? (
                <p className="party">
                  Denied by {c.party.label}
                  {c.party.interested ? ' (a party to the event)' : ''}
                </p>
              ) : null}
              {c.acknowledged ? (
                <p className="acknowledged" data-testid="acknowledged">
                  Later acknowledged
                  {c.acknowledged.at ? ` on ${c.acknowledged.at.slice(0, 10)}` : ''} by {c.acknowledged.by.join(', ')}
                </p>
              ) : null}
              {c.figures ? <QuantityRange figures={c.figures} /> : null}
              <div className="sides">
                <div>
                  <h4>As recorded</h4>
                  <ul>{side(c.claimIds)}</ul>
                </div>
                <div>
                  <h4>Against</h4>
                  <ul>{side(c.againstClaimIds)}</ul>
                </div>
              </div>
            </div>
          ))}
        </section>
      )}
      <section className="origins">
        <h3>
          Origins ({e.origins.length}, {independentLineCount(data.event, lookup)} independent)
        </h3>
        <ul>
          {data.event.origins.map((o) => (
            <li key={o.id} className={o.interested ? 'interested' : ''}>
              <span
                className={`reliability-grade grade-${o.reliability}`}
                title={`Best source grade: ${RELIABILITY_LABELS[o.reliability as keyof typeof RELIABILITY_LABELS]}`}
              >
                {o.reliability}
              </span>{' '}
              {o.label}{' '}
              <small>
                ({o.kind}
                {o.interested ? ', party to the event — not independent' : ''}
                {o.claimIds.every((id) => {
                  const c = lookup(id);
                  return c !== undefined && isDenial(c);
                })
                  ? ', denies it'
                  : ''}
                ; line {o.lineage}; {o.documentIds.length} doc.)
              </small>
            </li>
          ))}
        </ul>
      </section>
      <section className="claims">
        <h3>Claims ({claims.length})</h3>
        <ol>
          {claims.map((c) => (
            <li key={c.id} className={`claim stance-${c.stance}${openClaim === c.id ? ' open' : ''}`}>
              {quote(c)}
              {attribution(c)}
              {joinedBecause.has(c.id) ? (
                <p className="joined" data-testid="joined-because">
                  {joinedBecause.get(c.id)}
                </p>
              ) : null}
              <button
                type="button"
                className="link"
                data-testid="read-claim"
                aria-pressed={openClaim === c.id}
                onClick={() => onReadClaim(c.documentId, c.id)}
              >
                {openClaim === c.id ? 'Shown in the reader' : 'Read in the source document'}
              </button>
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}

type Figures = NonNullable<EventDetailResponse['event']['contradictions'][number]['figures']>;

/** Conflicting numbers drawn on one scale: the spread and who gives which figure are seen at a glance. */
function QuantityRange({ figures }: { figures: Figures }) {
  const span = figures.high - figures.low || 1;
  const at = (v: number) => `${(((v - figures.low) / span) * 100).toFixed(1)}%`;
  return (
    <figure className="quantity-range" data-testid="quantity-range">
      <figcaption>
        {figures.low.toLocaleString('en-US')}–{figures.high.toLocaleString('en-US')} {figures.unit}
      </figcaption>
      <div className="scale" role="img" aria-label={`Figures given for ${figures.unit}`}>
        {figures.values.map((f) => (
          <span key={f.value} className="mark" style={{ left: at(f.value) }} title={f.by.join(', ')} />
        ))}
      </div>
      <ul>
        {figures.values.map((f) => (
          <li key={f.value}>
            <strong>{f.value.toLocaleString('en-US')}</strong> — {f.by.join(', ')}
          </li>
        ))}
      </ul>
    </figure>
  );
}
