import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type ConfidenceLevel,
  type Document,
  type Event,
  InvalidInputError,
  type LikelihoodBand,
  type Source,
} from '@parallax/core';
import type CitationStyleLanguage from 'citeproc';
import type MarkdownItClass from 'markdown-it';
import { decodeEntities } from '../draft/inline-markup.ts';
import { likelihoodTerms } from '../language/lint-language.ts';
import { findCitations } from './citation-keys.ts';
import { type CslItem, cslItem } from './csl-item.ts';
import { type SourceSummary, type StatementInput, summariseSources } from './source-summary.ts';

/** What a brief's citations resolve against: workspace documents, their sources, events. */
export interface BriefLibrary {
  documents: ReadonlyMap<string, Document>;
  sources: ReadonlyMap<string, Source>;
  events: ReadonlyMap<string, Event>;
}

export interface ComposeOptions {
  /** CSL style XML; the team's Chicago notes-bibliography style when absent. */
  style?: string;
  /** CSL locale XML; en-US when absent. */
  locale?: string;
}

export interface ComposedNote {
  number: number;
  line: number;
  html: string;
  text: string;
}

export interface ComposedBrief {
  title: string | null;
  /** The brief as Markdown: numbered footnotes, bibliography, source summary. */
  markdown: string;
  /** The body as HTML with `<sup class="fn-ref">` markers, for the exporters. */
  bodyHtml: string;
  notes: ComposedNote[];
  bibliography: { html: string; text: string }[];
  summary: SourceSummary;
  /** Citation keys that name nothing in the workspace, with their lines. */
  problems: { line: number; message: string }[];
  /** Which style rendered it (the style's own title). */
  styleTitle: string;
}

const require = createRequire(import.meta.url);
const DEFAULT_STYLE_PATH = new URL('../../styles/parallax-chicago-notes.csl', import.meta.url);
/** Events are cited through at most this many of their documents, one per origin. */
const DOCUMENTS_PER_EVENT = 4;

export function defaultStyle(): string {
  return readFileSync(DEFAULT_STYLE_PATH, 'utf8');
}

export function defaultLocale(): string {
  const locales = require('@citation-js/plugin-csl/lib/locales.json') as Record<string, string>;
  const xml = locales['en-US'];
  if (!xml) throw new Error('the en-US CSL locale is missing from @citation-js/plugin-csl');
  return xml;
}

/** Checks that a user's file is a CSL style citeproc can run, with an error that says why not. */
export function checkCslStyle(xml: string, name = 'style'): string {
  if (!/<style[\s>]/.test(xml) || !/xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml))
    throw new InvalidInputError(`${name}: not a CSL style (no <style xmlns="http://purl.org/net/xbiblio/csl">)`);
  if (!/<citation[\s>]/.test(xml)) throw new InvalidInputError(`${name}: the CSL style has no <citation> layout`);
  return /<title>([^<]*)<\/title>/.exec(xml)?.[1] ?? name;
}

/** citeproc's HTML output as Markdown: italics and bold kept, other markup dropped. */
export function cslHtmlToMarkdown(html: string): string {
  return decodeEntities(
    html
      .replace(/<\/?(i|em)>/g, '*')
      .replace(/<\/?(b|strong)>/g, '**')
      .replace(/<[^>]+>/g, ''),
  ).trim();
}

function cslHtmlToText(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, '')).trim();
}

/** The documents an event is cited through: one per origin, independent origins first. */
export function eventDocuments(event: Event, documents: ReadonlyMap<string, Document>): string[] {
  const out: string[] = [];
  const origins = [...event.origins].sort((a, b) => Number(a.interested) - Number(b.interested));
  for (const o of origins) {
    const ids = o.documentIds.filter((id) => documents.has(id));
    const original = ids.find((id) => !documents.get(id)?.syndicatedFrom) ?? ids[0];
    if (original && !out.includes(original)) out.push(original);
    if (out.length >= DOCUMENTS_PER_EVENT) break;
  }
  return out;
}

/** The sentence around an offset of a Markdown text. */
function sentenceAround(md: string, start: number, end: number): string {
  const before = md.slice(0, start).replace(/[.!?\s]+$/, '');
  const from = Math.max(before.lastIndexOf('\n\n'), before.search(/[.!?]\s+[^.!?]*$/) + 1, 0);
  const rest = md.slice(end);
  const stop = rest.search(/[.!?](\s|$)|\n\n/);
  return `${md.slice(from, start)}${rest.slice(0, stop < 0 ? undefined : stop + 1)}`
    .replace(/\[@[^\]]*\]/g, '')
    .replace(/^[.!?\s]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function confidenceIn(text: string): ConfidenceLevel | null {
  const m = /\b(high|moderate|medium|low)[- ]confidence\b/i.exec(text);
  if (!m?.[1]) return null;
  const level = m[1].toLowerCase();
  return (level === 'medium' ? 'moderate' : level) as ConfidenceLevel;
}

/**
 * Renders a brief written in Markdown with citation keys (`[@doc:…]`, `[@event:…]`) through
 * citeproc-js and a CSL style: numbered footnotes (full first, shortened after, as the style says),
 * a bibliography and an ICD 206 source summary.
 */
export function composeBrief(markdown: string, library: BriefLibrary, options: ComposeOptions = {}): ComposedBrief {
  const style = options.style ?? defaultStyle();
  const styleTitle = checkCslStyle(style);
  const locale = options.locale ?? defaultLocale();
  const clusters = findCitations(markdown);
  const problems: ComposedBrief['problems'] = [];
  const items = new Map<string, CslItem>();
  const expanded = new Map<string, string[]>();
  const itemFor = (docId: string) => {
    const doc = library.documents.get(docId);
    if (!doc) return null;
    if (!items.has(docId))
      items.set(docId, cslItem(doc, doc.sourceId ? (library.sources.get(doc.sourceId) ?? null) : null));
    return docId;
  };

  // Loaded on first use: every CLI command imports this package, few of them compose.
  const CSL = require('citeproc') as typeof CitationStyleLanguage;
  const engine = new CSL.Engine(
    {
      retrieveLocale: () => locale,
      retrieveItem: (id: string) => items.get(id),
    },
    style,
    'en-US',
  );
  engine.setOutputFormat('html');

  const notes: ComposedNote[] = [];
  const statements: StatementInput[] = [];
  const before: [string, number][] = [];
  clusters.forEach((cluster, i) => {
    const citationItems: { id: string; locator?: string; label?: string }[] = [];
    const documentIds: string[] = [];
    const eventIds: string[] = [];
    for (const ref of cluster.refs) {
      if (ref.kind === 'doc') {
        if (!itemFor(ref.id)) {
          problems.push({ line: cluster.line, message: `@doc:${ref.id}: no such document in the workspace` });
          continue;
        }
        documentIds.push(ref.id);
        citationItems.push({
          id: ref.id,
          ...(ref.locator ? { locator: ref.locator, label: ref.label ?? 'page' } : {}),
        });
      } else {
        const event = library.events.get(ref.id);
        if (!event) {
          problems.push({ line: cluster.line, message: `@event:${ref.id}: no such event in the workspace` });
          continue;
        }
        const docs = eventDocuments(event, library.documents);
        if (!docs.length)
          problems.push({ line: cluster.line, message: `@event:${ref.id}: none of its documents is in the workspace` });
        expanded.set(ref.id, docs);
        eventIds.push(ref.id);
        for (const d of docs) if (itemFor(d) && !citationItems.some((c) => c.id === d)) citationItems.push({ id: d });
      }
    }
    const number = i + 1;
    let html = '';
    if (citationItems.length) {
      const [, updates] = engine.processCitationCluster(
        { citationItems, properties: { noteIndex: number } },
        before,
        [],
      );
      for (const [index, text] of updates) {
        const note = notes[index];
        if (note && index < notes.length) note.html = text;
        else if (index === notes.length) html = text;
      }
      before.push([`c${number}`, number]);
      // citeproc assigns its own citationID; read it back from the last update to keep order stable.
      const last = updates.find(([index]) => index === notes.length);
      if (last) before[before.length - 1] = [last[2], number];
    } else html = `[unresolved: ${cluster.refs.map((r) => `@${r.kind}:${r.id}`).join('; ')}]`;
    notes.push({ number, line: cluster.line, html, text: '' });
    const text = sentenceAround(markdown, cluster.start, cluster.end);
    const terms = likelihoodTerms(text);
    statements.push({
      number,
      line: cluster.line,
      text,
      likelihood: (terms[0]?.band ?? null) as LikelihoodBand | null,
      confidence: confidenceIn(text),
      documentIds,
      eventIds,
    });
  });
  for (const n of notes) n.text = cslHtmlToText(n.html);

  const bib = items.size ? engine.makeBibliography() : false;
  const bibliography = bib ? bib[1].map((html) => ({ html: html.trim(), text: cslHtmlToText(html) })) : [];

  // Markers (private-use characters, which Markdown leaves alone) go after adjacent punctuation, as Chicago places note numbers.
  let body = markdown;
  const marks: string[] = [];
  for (let i = clusters.length - 1; i >= 0; i--) {
    const c = clusters[i] as (typeof clusters)[number];
    const token = `\uE000${i + 1}\uE001`;
    let start = c.start;
    let end = c.end;
    while (start > 0 && /[ \t]/.test(body[start - 1] ?? '')) start--;
    const punct = /^[.,;:!?]+/.exec(body.slice(end))?.[0] ?? '';
    end += punct.length;
    body = `${body.slice(0, start)}${punct}${token}${body.slice(end)}`;
    marks.unshift(token);
  }
  const titleMatch = /^\s*#\s+(.+)$/m.exec(body);
  const title = titleMatch?.[1]?.trim() ?? null;

  const summary = summariseSources(statements, { ...library, eventDocuments: expanded });
  const md = [
    body.replace(/\uE000(\d+)\uE001/g, '[^$1]').trimEnd(),
    '',
    ...notes.map((n) => `[^${n.number}]: ${cslHtmlToMarkdown(n.html)}`),
    '',
    '## Bibliography',
    '',
    ...bibliography.map((b) => `${cslHtmlToMarkdown(b.html)}\n`),
    '## Source summary',
    '',
    summary.statement,
    '',
    ...summary.sources.map(
      (s) =>
        `- ${s.descriptor} Carries statement${s.statements.length === 1 ? '' : 's'} ${s.statements.map((n) => `#${n}`).join(', ')}.`,
    ),
    '',
  ].join('\n');

  const MarkdownIt = require('markdown-it') as typeof MarkdownItClass;
  const mdIt = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const bodyHtml = mdIt
    .render(body)
    .replace(/\uE000(\d+)\uE001/g, (_, n: string) => `<sup class="fn-ref" data-note="${n}">${n}</sup>`);
  return { title, markdown: md, bodyHtml, notes, bibliography, summary, problems, styleTitle };
}
