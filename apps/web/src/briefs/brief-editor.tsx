import type { BriefCheckReportBody, ComposedBriefBody, EventSummary } from '@parallax/contract';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getJson, type Page } from '../api-client.ts';
import { checkDraft, composeDraft, downloadExport } from './brief-api.ts';
import { eventLabel, insertCitation, lineRange } from './draft-text.ts';
import './brief-editor.css';

const STORAGE_KEY = 'parallax.brief.draft';
const STARTER = `# Title of the brief

State a finding and cite the evidence: click an event or a document on the right to insert its key.

It is likely that … (say how likely, with an ICD 203 term, and on what basis).
`;

type Finding = {
  key: string;
  line: number;
  source: string;
  severity: string;
  kind: string;
  message: string;
  suggestion: string | null;
};

function findingsOf(report: BriefCheckReportBody | null, showInfo: boolean): { group: string; items: Finding[] }[] {
  if (!report) return [];
  const claims: Finding[] = report.claims.map((c, i) => ({
    key: `c${i}`,
    line: c.line,
    source: c.source,
    severity: c.verdict === 'contradicted' ? 'error' : c.verdict === 'supported' ? 'ok' : 'info',
    kind: c.verdict,
    message: c.evidence
      ? `${c.text} — ${c.evidence.conflicts.map((k) => k.summary).join('; ') || `credibility ${c.evidence.credibility} (${c.evidence.credibilityLabel}), ${c.evidence.origins.map((o) => o.label).join('; ')}`}`
      : c.text,
    suggestion: null,
  }));
  const rest = (list: BriefCheckReportBody['citations'] | BriefCheckReportBody['language'], prefix: string) =>
    list
      .filter((f) => showInfo || f.severity !== 'info')
      .map((f, i) => ({
        key: `${prefix}${i}`,
        line: f.line,
        source: f.source,
        severity: f.severity,
        kind: f.kind,
        message: f.message,
        suggestion: f.suggestion,
      }));
  return [
    { group: 'Claims', items: claims },
    { group: 'Citations', items: rest(report.citations, 'n') },
    { group: 'Estimative language', items: rest(report.language, 'l') },
  ];
}

/**
 * The brief editor: Markdown on the left, checks beside it (re-run as you type), evidence to cite on
 * the right, and the composed brief (footnotes, bibliography, source summary) below on request.
 */
export function BriefEditor() {
  const [text, setText] = useState(() => window.localStorage.getItem(STORAGE_KEY) ?? STARTER);
  const [report, setReport] = useState<BriefCheckReportBody | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [showInfo, setShowInfo] = useState(false);
  const [composed, setComposed] = useState<ComposedBriefBody | null>(null);
  const [composeError, setComposeError] = useState<string | null>(null);
  const [events, setEvents] = useState<EventSummary[]>([]);
  const [docs, setDocs] = useState<{ id: string; title: string; publisher: string | null; published: string | null }[]>(
    [],
  );
  const [query, setQuery] = useState('');
  const editor = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    window.localStorage.setItem(STORAGE_KEY, text);
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setChecking(true);
      checkDraft(text, controller.signal)
        .then((r) => {
          setReport(r);
          setCheckError(null);
        })
        .catch((e: Error) => {
          if (!controller.signal.aborted) setCheckError(e.message);
        })
        .finally(() => {
          if (!controller.signal.aborted) setChecking(false);
        });
    }, 500);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  useEffect(() => {
    getJson<Page<EventSummary>>('/api/events?limit=200')
      .then((p) => setEvents(p.items))
      .catch(() => setEvents([]));
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 3) {
      setDocs([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      getJson<Page<{ document: { id: string; title: string; publisher: string | null; published: string | null } }>>(
        `/api/search?limit=20&q=${encodeURIComponent(q)}`,
        controller.signal,
      )
        .then((p) => setDocs(p.items.map((h) => h.document)))
        .catch(() => setDocs([]));
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const shownEvents = useMemo(() => {
    const q = query.trim().toLowerCase();
    const labelled = events.map((e) => ({ event: e, label: eventLabel(e) }));
    return (q ? labelled.filter((x) => x.label.toLowerCase().includes(q)) : labelled).slice(0, 60);
  }, [events, query]);

  const groups = findingsOf(report, showInfo);
  const cite = (key: string) => {
    const area = editor.current;
    const at = area ? area.selectionStart : text.length;
    const next = insertCitation(text, at, key);
    setText(next.text);
    window.requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(next.cursor, next.cursor);
    });
  };
  const goToLine = (line: number) => {
    const area = editor.current;
    if (!area) return;
    const { start, end } = lineRange(text, line);
    area.focus();
    area.setSelectionRange(start, end);
    // Scroll the selection into view: a textarea has no API for it, so estimate from the line height.
    const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
    const wrapped = text.slice(0, start).split('\n').length - 1;
    area.scrollTop = Math.max(0, wrapped * lineHeight - area.clientHeight / 3);
  };
  const compose = async () => {
    try {
      setComposed(await composeDraft(text));
      setComposeError(null);
    } catch (e) {
      setComposeError((e as Error).message);
    }
  };
  const counts = report
    ? `${report.claims.filter((c) => c.verdict === 'contradicted').length} contradicted · ${report.citations.filter((f) => f.severity === 'error').length} citation errors · ${report.language.filter((f) => f.severity !== 'info').length} language warnings`
    : '';

  return (
    <div className="brief-editor" data-testid="brief-editor">
      <header className="brief-top">
        <h1>
          <a href="/">Parallax</a> · Brief editor
        </h1>
        <span className="brief-status" data-testid="brief-status" aria-live="polite">
          {checkError ? `check failed: ${checkError}` : checking ? 'checking…' : counts}
        </span>
        <span className="brief-actions">
          <button type="button" onClick={() => void compose()}>
            Compose
          </button>
          {(['md', 'html', 'pdf', 'docx'] as const).map((f) => (
            <button
              key={f}
              type="button"
              onClick={() => void downloadExport(text, f).catch((e: Error) => setComposeError(e.message))}
            >
              {f.toUpperCase()}
            </button>
          ))}
        </span>
      </header>
      <main className="brief-panes">
        <section className="brief-text">
          <textarea
            ref={editor}
            data-testid="brief-text"
            value={text}
            spellCheck
            aria-label="Brief (Markdown with [@doc:…] and [@event:…] citation keys)"
            onChange={(e) => setText(e.target.value)}
          />
          {report && !report.factCheck.extractor && (
            <p className="brief-note">Claims not checked: {report.factCheck.note}</p>
          )}
        </section>
        <aside className="brief-checks" data-testid="brief-checks">
          <label className="brief-info">
            <input type="checkbox" checked={showInfo} onChange={(e) => setShowInfo(e.target.checked)} /> show notes
          </label>
          {groups.map((g) => (
            <section key={g.group}>
              <h2>
                {g.group} <small>{g.items.length}</small>
              </h2>
              <ul>
                {g.items.map((f) => (
                  <li key={f.key} className={`finding ${f.severity}`} data-kind={f.kind}>
                    <button type="button" onClick={() => goToLine(f.line)} title="Go to the line">
                      <span className="where">{f.source}</span> <b>{f.kind}</b> {f.message}
                    </button>
                    {f.suggestion && <p className="fix">{f.suggestion}</p>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </aside>
        <aside className="brief-cite" data-testid="brief-cite">
          <h2>Cite</h2>
          <input
            type="search"
            placeholder="Filter events · search documents"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {docs.length > 0 && (
            <ul className="cite-docs">
              {docs.map((d) => (
                <li key={d.id}>
                  <button type="button" onClick={() => cite(`doc:${d.id}`)} data-testid="cite-doc">
                    {d.title}
                    <small>{[d.publisher, d.published?.slice(0, 10)].filter(Boolean).join(', ')}</small>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <ul className="cite-events">
            {shownEvents.map(({ event, label }) => (
              <li key={event.id}>
                <button type="button" onClick={() => cite(`event:${event.id}`)} data-testid="cite-event">
                  {label}
                  <small>
                    credibility {event.credibility} · {event.status} · {event.origins.length} origin
                    {event.origins.length === 1 ? '' : 's'}
                  </small>
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </main>
      {(composed || composeError) && (
        <section className="brief-preview" data-testid="brief-preview">
          {composeError && <p className="brief-error">{composeError}</p>}
          {composed?.problems.map((p) => (
            <p key={`${p.line}:${p.message}`} className="brief-error">
              line {p.line}: {p.message}
            </p>
          ))}
          {/* Workspace text is untrusted: the composed page renders in a sandbox with no scripts. */}
          {composed && <iframe title="Composed brief" sandbox="" srcDoc={composed.html} />}
        </section>
      )}
    </div>
  );
}
