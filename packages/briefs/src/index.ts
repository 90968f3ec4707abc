/**
 * @module
 * @parallax/briefs — the brief logic: read a draft (Markdown, text, HTML, PDF) into body, notes and
 * bibliography; lint its citations and its estimative language (ICD 203); compose briefs from
 * Markdown with citation keys through CSL (citeproc-js); export HTML and PDF.
 */
export * from './check/brief-check-report.ts';
export * from './citations/find-urls.ts';
export * from './citations/lint-citations.ts';
export * from './citations/reference-fields.ts';
export * from './compose/citation-keys.ts';
export * from './compose/compose-brief.ts';
export * from './compose/csl-item.ts';
export * from './compose/source-summary.ts';
export * from './draft/brief-draft.ts';
export * from './draft/inline-markup.ts';
export * from './draft/read-draft.ts';
export * from './export/brief-html.ts';
export * from './export/docx-export.ts';
export * from './export/pdf-export.ts';
export * from './language/lint-language.ts';
