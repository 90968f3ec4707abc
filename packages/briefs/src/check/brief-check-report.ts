import type { CitationFinding } from '../citations/lint-citations.ts';
import { type BriefDraft, displayLine } from '../draft/brief-draft.ts';
import type { LanguageFinding } from '../language/lint-language.ts';

/** The parts of a claim check a report shows (the use case's result satisfies it). */
export interface ClaimCheckView {
  line: number;
  text: string;
  verdict: 'supported' | 'contradicted' | 'unverified';
  evidence: {
    eventId: string;
    status: string;
    credibility: number;
    credibilityLabel: string;
    origins: { label: string; kind: string; interested: boolean }[];
    supporting: EvidenceQuoteView[];
    conflicts: { kind: string; summary: string; quotes: EvidenceQuoteView[] }[];
  } | null;
}

export interface EvidenceQuoteView {
  quote: string;
  title: string | null;
  publisher: string | null;
  url: string | null;
  published: string | null;
}

/**
 * What `brief check` reports. `claims`, `citations` and `language` are the contract of
 * `--json`; `draft` and `factCheck` say what was read and whether claims could be checked.
 */
export interface BriefCheckReport {
  draft: { name: string; format: string; lines: number; notes: number; bibliography: number; title: string | null };
  /** Whether claims were checked, and by which extractor; why not when they were not. */
  factCheck: { extractor: string | null; note: string | null };
  claims: (Omit<ClaimCheckView, 'line'> & { line: number; source: string })[];
  citations: (CitationFinding & { source: string })[];
  language: (LanguageFinding & { source: string })[];
}

export function buildCheckReport(
  draft: BriefDraft,
  parts: {
    claims: ClaimCheckView[];
    citations: CitationFinding[];
    language: LanguageFinding[];
    extractor: string | null;
    note?: string | null;
  },
): BriefCheckReport {
  const at = (line: number) => displayLine(draft, line);
  return {
    draft: {
      name: draft.name,
      format: draft.format,
      lines: draft.lines.length,
      notes: draft.notes.length,
      bibliography: draft.bibliography.length,
      title: draft.title,
    },
    factCheck: { extractor: parts.extractor, note: parts.note ?? null },
    claims: parts.claims.map((c) => ({
      line: c.line,
      source: at(c.line),
      text: c.text,
      verdict: c.verdict,
      evidence: c.evidence,
    })),
    citations: parts.citations.map((c) => ({ ...c, source: at(c.line) })),
    language: parts.language.map((l) => ({ ...l, source: at(l.line) })),
  };
}

function cite(q: EvidenceQuoteView): string {
  return [q.publisher ?? q.title, q.published?.slice(0, 10)].filter(Boolean).join(', ');
}

/** The report as the terminal shows it: one finding per line, `name:line`, then the suggestion. */
export function formatCheckText(report: BriefCheckReport, options: { info?: boolean } = {}): string {
  const out: string[] = [];
  const where = (source: string) => `${report.draft.name}:${source}`;
  out.push(
    `${report.draft.name} (${report.draft.format}, ${report.draft.lines} lines, ${report.draft.notes} notes, ${report.draft.bibliography} bibliography entries)`,
  );
  out.push('', 'Claims');
  if (!report.factCheck.extractor) out.push(`  not checked: ${report.factCheck.note ?? 'no extractor configured'}`);
  else if (!report.claims.length) out.push(`  no factual claims found by ${report.factCheck.extractor}`);
  for (const c of report.claims) {
    out.push(`  ${where(c.source)}  ${c.verdict.toUpperCase()}  ${c.text}`);
    const e = c.evidence;
    if (!e) continue;
    out.push(
      `      event ${e.eventId}: ${e.status}, credibility ${e.credibility} (${e.credibilityLabel}); origins: ${e.origins.map((o) => o.label + (o.interested ? ' (party)' : '')).join('; ')}`,
    );
    for (const k of e.conflicts) {
      out.push(`      ${k.kind}: ${k.summary}`);
      for (const q of k.quotes.slice(0, 3)) out.push(`        “${q.quote}” — ${cite(q)}`);
    }
    if (!e.conflicts.length) for (const q of e.supporting.slice(0, 3)) out.push(`        “${q.quote}” — ${cite(q)}`);
  }
  out.push('', 'Citations');
  const citations = report.citations.filter((f) => options.info || f.severity !== 'info');
  if (!citations.length) out.push('  no problems found');
  for (const f of citations) {
    out.push(`  ${where(f.source)}  ${f.severity}  [${f.kind}] ${f.message}`);
    out.push(`      fix: ${f.suggestion}`);
  }
  out.push('', 'Estimative language (ICD 203)');
  const language = report.language.filter((f) => options.info || f.severity !== 'info');
  if (!language.length) out.push('  no problems found');
  for (const f of language) {
    out.push(`  ${where(f.source)}  ${f.severity}  [${f.kind}] ${f.message}`);
    out.push(`      fix: ${f.suggestion}`);
  }
  const count = (v: string) => report.claims.filter((c) => c.verdict === v).length;
  out.push(
    '',
    `${count('supported')} supported, ${count('contradicted')} contradicted, ${count('unverified')} unverified claims; ${report.citations.filter((f) => f.severity !== 'info').length} citation and ${report.language.filter((f) => f.severity !== 'info').length} language findings${options.info ? '' : ` (${report.citations.filter((f) => f.severity === 'info').length + report.language.filter((f) => f.severity === 'info').length} notes hidden; --all shows them)`}`,
  );
  return `${out.join('\n')}\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The report as a standalone HTML page: findings beside the draft's numbered lines. */
export function formatCheckHtml(report: BriefCheckReport, draft: BriefDraft): string {
  const byLine = new Map<number, string[]>();
  const mark = (line: number, html: string) => byLine.set(line, [...(byLine.get(line) ?? []), html]);
  for (const c of report.claims)
    mark(
      c.line,
      `<div class="f claim ${c.verdict}"><b>${c.verdict}</b> ${escapeHtml(c.text)}${c.evidence ? `<br><small>credibility ${c.evidence.credibility} (${escapeHtml(c.evidence.credibilityLabel)}) · ${c.evidence.conflicts.map((k) => escapeHtml(k.summary)).join(' · ')}</small>` : ''}</div>`,
    );
  for (const f of report.citations)
    mark(
      f.line,
      `<div class="f ${f.severity}"><b>${f.kind}</b> ${escapeHtml(f.message)}<br><small>fix: ${escapeHtml(f.suggestion)}</small></div>`,
    );
  for (const f of report.language)
    if (f.severity !== 'info')
      mark(
        f.line,
        `<div class="f ${f.severity}"><b>${f.kind}</b> ${escapeHtml(f.message)}<br><small>fix: ${escapeHtml(f.suggestion)}</small></div>`,
      );
  const rows = draft.lines
    .map((text, i) => {
      const n = i + 1;
      const notes = byLine.get(n);
      return `<tr${notes ? ' class="has"' : ''}><td class="n">${escapeHtml(displayLine(draft, n))}</td><td class="t">${escapeHtml(text)}</td><td class="x">${notes?.join('') ?? ''}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Brief check: ${escapeHtml(report.draft.name)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1d2125}
table{border-collapse:collapse;width:100%}td{vertical-align:top;padding:2px 8px}
td.n{color:#8a9199;text-align:right;font-variant-numeric:tabular-nums;width:3em}
td.t{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:12.5px;width:55%}
tr.has td.t{background:#fff8e1}.f{border-left:3px solid #999;padding:2px 6px;margin:0 0 4px}
.f.error,.f.contradicted{border-color:#c62828}.f.warning{border-color:#ef8f00}.f.info{border-color:#6b7785}
.f.supported{border-color:#2e7d32}.f.unverified{border-color:#6b7785}small{color:#4a525a}
</style></head><body>
<h1>Brief check: ${escapeHtml(report.draft.title ?? report.draft.name)}</h1>
<p>${report.claims.length} claims checked${report.factCheck.extractor ? ` (${escapeHtml(report.factCheck.extractor)})` : ` — not checked: ${escapeHtml(report.factCheck.note ?? 'no extractor')}`}, ${report.citations.length} citation findings, ${report.language.filter((f) => f.severity !== 'info').length} language findings.</p>
<table>${rows}</table></body></html>
`;
}
