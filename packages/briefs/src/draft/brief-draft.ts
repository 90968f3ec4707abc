import { blankMarkup, plainText } from './inline-markup.ts';

export const DRAFT_FORMATS = ['markdown', 'text', 'html', 'pdf', 'docx'] as const;
export type DraftFormat = (typeof DRAFT_FORMATS)[number];

/** A run of lines in the draft's text (1-based, inclusive). */
export interface LineRange {
  line: number;
  endLine: number;
}

/** A paragraph, heading or list item of the body. */
export interface DraftBlock extends LineRange {
  kind: 'heading' | 'prose';
  /** The block as written, markup included. */
  raw: string;
  /** The block as a reader sees it. */
  text: string;
}

/** A note marker in the body text: `<sup>3</sup>`, `[^3]`, `^3^` or a superscript digit. */
export interface NoteReference {
  label: string;
  line: number;
  column: number;
}

/** A footnote or endnote text, or a bibliography entry, with the lines it spans. */
export interface DraftEntry extends LineRange {
  /** The note's label (`1`, `3`, `a`); null for bibliography entries. */
  label: string | null;
  raw: string;
  text: string;
}

/**
 * A draft brief read into its parts: body, note references, note texts, bibliography. Line numbers
 * refer to `text`; for formats converted to text (HTML, PDF) `sourceLines` maps them back.
 */
export interface BriefDraft {
  name: string;
  format: DraftFormat;
  text: string;
  lines: string[];
  /** Original line (HTML) or `page:line` (PDF) of each text line, when the text was converted. */
  sourceLines: string[] | null;
  title: string | null;
  body: DraftBlock[];
  noteReferences: NoteReference[];
  notes: DraftEntry[];
  bibliography: DraftEntry[];
  /** Line of the bibliography heading, null when the draft has none. */
  bibliographyLine: number | null;
  /**
   * The body prose with everything else (headings, notes, bibliography, markup) blanked to spaces:
   * the same length and line breaks as `text`, so an offset into it is an offset into the draft.
   */
  prose: string;
}

const BIBLIOGRAPHY_HEADING = /^(bibliography|references|works cited|sources|sources cited|literature)$/i;
const NOTES_HEADING = /^(notes|endnotes|footnotes)$/i;
const LIST_MARKER = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+/;
const FOOTNOTE_DEFINITION = /^\s{0,3}\[\^[^\]\s]+\]:/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

/**
 * The note label a block opens with, if any: `<sup>2</sup>`, a double-escaped `&lt;sup>2</sup>`,
 * `[^2]:`, `^2^` or a superscript digit. Returns the label and how many characters it takes.
 */
export function leadingNoteLabel(raw: string): { label: string; length: number } | null {
  const patterns = [
    /^\s*(?:<sup>\s*&\s*<\/sup>\s*lt;\s*sup>|&lt;sup>|<sup>)\s*(\d{1,3})\s*<\/sup>\s*/i,
    /^\s*\[\^([^\]\s]+)\]:\s*/,
    /^\s*\^(\d{1,3})\^\s*/,
    /^\s*([¹²³⁰⁴⁵⁶⁷⁸⁹]{1,3})\s*/,
  ];
  for (const p of patterns) {
    const m = p.exec(raw);
    if (m?.[1]) return { label: superscriptToDigits(m[1]), length: m[0].length };
  }
  return null;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function superscriptToDigits(label: string): string {
  return [...label].map((c) => (SUPERSCRIPT.includes(c) ? String(SUPERSCRIPT.indexOf(c)) : c)).join('');
}

/** Note references in one line of body text, with 1-based columns. */
function referencesIn(line: string, lineNo: number): NoteReference[] {
  const refs: NoteReference[] = [];
  const patterns = [/<sup>\s*(\d{1,3})\s*<\/sup>/gi, /\[\^([^\]\s]+)\](?!:)/g, /\^(\d{1,3})\^/g, /([¹²³⁰⁴⁵⁶⁷⁸⁹]+)/g];
  for (const p of patterns) {
    for (const m of line.matchAll(p)) {
      if (m[1]) refs.push({ label: superscriptToDigits(m[1]), line: lineNo, column: (m.index ?? 0) + 1 });
    }
  }
  return refs.sort((a, b) => a.column - b.column);
}

function isUrlOnly(text: string): boolean {
  return /^\s*(?:<[^>]+>\s*)*https?:\/\/\S*/i.test(text) && !/\s[A-Z][a-z]+\s[a-z]+\s/.test(text);
}

interface RawBlock extends LineRange {
  raw: string;
  listItem: boolean;
  heading: { level: number; text: string } | null;
}

function splitBlocks(lines: string[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: RawBlock | null = null;
  lines.forEach((line, i) => {
    const n = i + 1;
    if (!line.trim()) {
      current = null;
      return;
    }
    const h = HEADING.exec(line);
    if (h) {
      blocks.push({
        line: n,
        endLine: n,
        raw: line,
        listItem: false,
        heading: { level: h[1]?.length ?? 1, text: h[2] ?? '' },
      });
      current = null;
      return;
    }
    if (LIST_MARKER.test(line) || FOOTNOTE_DEFINITION.test(line) || leadingNoteLabel(line) || !current) {
      current = { line: n, endLine: n, raw: line, listItem: LIST_MARKER.test(line), heading: null };
      blocks.push(current);
      return;
    }
    current.raw += `\n${line}`;
    current.endLine = n;
  });
  return blocks;
}

/** Reads a draft's text into body, note references, notes and bibliography. */
export function parseDraft(
  text: string,
  options: { name: string; format: DraftFormat; sourceLines?: string[] | null },
): BriefDraft {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n');
  const lines = normalised.split('\n');
  const markdown = options.format !== 'text';
  const clean = (raw: string) => plainText(raw, { markdown }).replace(/\s+/g, ' ').trim();

  const body: DraftBlock[] = [];
  const notes: DraftEntry[] = [];
  const bibliography: DraftEntry[] = [];
  let bibliographyLine: number | null = null;
  let section: 'body' | 'notes' | 'bibliography' = 'body';
  let last: DraftEntry | null = null;
  let title: string | null = null;

  for (const block of splitBlocks(lines)) {
    if (block.heading) {
      const headingText = clean(block.heading.text);
      if (title === null && body.length === 0 && block.line <= 5) title = headingText;
      if (BIBLIOGRAPHY_HEADING.test(headingText)) {
        section = 'bibliography';
        bibliographyLine = block.line;
      } else if (NOTES_HEADING.test(headingText)) section = 'notes';
      else {
        section = 'body';
        body.push({ kind: 'heading', line: block.line, endLine: block.endLine, raw: block.raw, text: headingText });
      }
      last = null;
      continue;
    }
    // A URL on its own after a note or entry is the rest of it, pushed down by a converter.
    if (last && !block.listItem && isUrlOnly(block.raw)) {
      // Keep the blank lines between them, so a line counted inside the entry is a line of the file.
      last.raw += `${'\n'.repeat(block.line - last.endLine)}${block.raw}`;
      last.text = clean(last.raw.replace(/^[^\n]*/, (first) => stripLabel(first)));
      last.endLine = block.endLine;
      continue;
    }
    const label = leadingNoteLabel(block.raw);
    if (label) {
      const entry: DraftEntry = {
        label: label.label,
        line: block.line,
        endLine: block.endLine,
        raw: block.raw,
        text: clean(block.raw.slice(label.length)),
      };
      notes.push(entry);
      last = entry;
      continue;
    }
    if (section === 'notes') {
      const m = /^\s{0,3}(\d{1,3})[.)]?\s+/.exec(block.raw);
      const entry: DraftEntry = {
        label: m?.[1] ?? String(notes.length + 1),
        line: block.line,
        endLine: block.endLine,
        raw: block.raw,
        text: clean(m ? block.raw.slice(m[0].length) : block.raw),
      };
      notes.push(entry);
      last = entry;
      continue;
    }
    if (section === 'bibliography') {
      const entry: DraftEntry = {
        label: null,
        line: block.line,
        endLine: block.endLine,
        raw: block.raw,
        text: clean(block.raw.replace(LIST_MARKER, '')),
      };
      bibliography.push(entry);
      last = entry;
      continue;
    }
    body.push({ kind: 'prose', line: block.line, endLine: block.endLine, raw: block.raw, text: clean(block.raw) });
    last = null;
  }

  const noteReferences: NoteReference[] = [];
  for (const b of body) {
    if (b.kind !== 'prose') continue;
    b.raw.split('\n').forEach((l, i) => {
      noteReferences.push(...referencesIn(l, b.line + i));
    });
  }

  // Prose for claim extraction: body paragraphs only, markup blanked, offsets unchanged.
  const keep = new Set<number>();
  for (const b of body) if (b.kind === 'prose') for (let n = b.line; n <= b.endLine; n++) keep.add(n);
  const prose = lines.map((l, i) => (keep.has(i + 1) ? blankMarkup(l) : l.replace(/[^\n]/g, ' '))).join('\n');

  return {
    name: options.name,
    format: options.format,
    text: normalised,
    lines,
    sourceLines: options.sourceLines ?? null,
    title,
    body,
    noteReferences,
    notes,
    bibliography,
    bibliographyLine,
    prose,
  };
}

function stripLabel(first: string): string {
  const label = leadingNoteLabel(first);
  return label ? first.slice(label.length) : first.replace(LIST_MARKER, '');
}

/** The line of a character offset into the draft's text (1-based). */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** How a line of the draft is shown to the analyst: the original line for converted formats. */
export function displayLine(draft: BriefDraft, line: number): string {
  return draft.sourceLines?.[line - 1] ?? String(line);
}
