import type { Reliability, Source } from '@parallax/core';
import { useMemo, useState } from 'react';
import { ApiError, postJson } from '../api-client.ts';
import { formatCount, RELIABILITY_GRADES, RELIABILITY_LABELS } from '../labels.ts';
import { useApi } from '../use-api.ts';

export interface SourceRow extends Source {
  documents: number;
  copies: number;
}

export interface SourceOverview {
  sources: SourceRow[];
  lineage: { copier: string; original: string; documents: number; declared: boolean }[];
  unattributed: number;
  partial: boolean;
}

/**
 * Sources: who publishes, how reliable the analyst judges them (Admiralty A–F, editable with a
 * rationale), how much each contributes, and who republishes whom — the lineage corroboration must
 * see through so ten copies of one wire story count once.
 */
export function SourcesView({ revision, onChanged }: { revision: number; onChanged(): void }) {
  const [local, setLocal] = useState(0);
  const overview = useApi<SourceOverview>('/api/sources/overview', revision + local);
  const [editing, setEditing] = useState<string | null>(null);
  const names = useMemo(
    () => new Map<string, string>((overview.data?.sources ?? []).map((s) => [s.id, s.name])),
    [overview.data],
  );
  if (overview.error) return <p className="error">Could not load sources: {overview.error.message}</p>;
  if (!overview.data) return <p className="empty">Loading sources…</p>;
  const { sources, lineage, unattributed, partial } = overview.data;

  return (
    <section className="sources-view" aria-labelledby="sources-title" data-testid="sources-view">
      <div className="pane-head">
        <h2 id="sources-title">Sources</h2>
        <span className="hint">
          {formatCount(sources.length)} sources · {formatCount(unattributed)} documents without a resolved source
        </span>
      </div>
      <div className="sources-body">
        <table className="sources-table">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Documents
              </th>
              <th scope="col" className="num">
                Copies
              </th>
              <th scope="col">Reliability</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} data-testid="source-row" data-source={s.id} className={s.discredited ? 'discredited' : ''}>
                <th scope="row">
                  {s.name}
                  {s.domain && s.domain !== s.name ? <small> {s.domain}</small> : null}
                  {s.country ? <small> · {s.country}</small> : null}
                  {s.discredited ? <small className="error"> · discredited: {s.discredited.reason}</small> : null}
                </th>
                <td>{s.kind}</td>
                <td className="num">{formatCount(s.documents)}</td>
                <td className="num">{formatCount(s.copies)}</td>
                <td>
                  {editing === s.id ? (
                    <GradeForm
                      source={s}
                      onCancel={() => setEditing(null)}
                      onSaved={() => {
                        setEditing(null);
                        setLocal((n) => n + 1);
                        onChanged();
                      }}
                    />
                  ) : (
                    <div className="grade-cell">
                      <span
                        className={`reliability-grade grade-${s.reliability}`}
                        title={RELIABILITY_LABELS[s.reliability]}
                      >
                        {s.reliability}
                      </span>
                      <span className="rationale">{s.reliabilityRationale}</span>
                      <button
                        type="button"
                        className="link"
                        onClick={() => setEditing(s.id)}
                        aria-label={`Change the grade of ${s.name}`}
                      >
                        Edit
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <section className="lineage" aria-labelledby="lineage-title">
          <h3 id="lineage-title">Lineage: who republishes whom</h3>
          {lineage.length === 0 ? (
            <p className="empty">No source republishes another in this workspace.</p>
          ) : (
            <ul data-testid="lineage">
              {lineage.map((l) => (
                <li key={`${l.copier}>${l.original}`}>
                  <strong>{names.get(l.copier) ?? l.copier}</strong> <span aria-hidden="true">→</span>
                  <span className="sr-only">republishes</span> <strong>{names.get(l.original) ?? l.original}</strong>{' '}
                  <small>
                    {l.documents ? `${formatCount(l.documents)} copied document${l.documents === 1 ? '' : 's'}` : ''}
                    {l.declared ? `${l.documents ? ' · ' : ''}declared syndication` : ''}
                  </small>
                </li>
              ))}
            </ul>
          )}
          {partial && <p className="hint">Only the most recent copied documents were walked.</p>}
          <p className="hint">
            Copies share an origin with what they copy, so corroboration counts them once. Grades are NATO Admiralty
            reliability: A completely reliable … E unreliable, F cannot be judged.
          </p>
        </section>
      </div>
    </section>
  );
}

function GradeForm({ source, onCancel, onSaved }: { source: Source; onCancel(): void; onSaved(): void }) {
  const [grade, setGrade] = useState<Reliability>(source.reliability);
  const [rationale, setRationale] = useState(
    source.reliabilityRationale === 'Not yet graded by an analyst.' ? '' : source.reliabilityRationale,
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <form
      className="grade-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        setError(null);
        try {
          await postJson(`/api/sources/${source.id}/grade`, { reliability: grade, rationale });
          onSaved();
        } catch (err) {
          setError(err instanceof ApiError ? err.message : String(err));
        } finally {
          setSaving(false);
        }
      }}
    >
      <label>
        Grade
        <select value={grade} onChange={(e) => setGrade(e.target.value as Reliability)}>
          {RELIABILITY_GRADES.map((g) => (
            <option key={g} value={g}>
              {g} — {RELIABILITY_LABELS[g]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Rationale
        <textarea
          value={rationale}
          required
          rows={2}
          onChange={(e) => setRationale(e.target.value)}
          placeholder="Why this grade (track record, access, interest)"
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={saving || !rationale.trim()}>
          {saving ? 'Saving…' : 'Save grade'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
