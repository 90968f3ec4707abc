import { InvalidInputError } from '@parallax/core';
import { Parser } from 'htmlparser2';
import { type BriefDraft, type DraftFormat, parseDraft } from './brief-draft.ts';

/** Drafts larger than this are refused rather than read whole. */
export const MAX_DRAFT_BYTES = 20 * 1024 * 1024;

const BY_EXTENSION: Record<string, DraftFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

/** The format a draft's name or media type says it is. */
export function draftFormatOf(name: string, mediaType?: string | null): DraftFormat | null {
  if (mediaType) {
    if (/markdown/.test(mediaType)) return 'markdown';
    if (/html/.test(mediaType)) return 'html';
    if (/pdf/.test(mediaType)) return 'pdf';
    if (/wordprocessingml/.test(mediaType)) return 'docx';
    if (/^text\/plain/.test(mediaType)) return 'text';
  }
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext ? (BY_EXTENSION[ext] ?? null) : null;
}

function decodeUtf8(name: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InvalidInputError(`${name}: not valid UTF-8 text (save the draft as UTF-8)`);
  }
}

/**
 * Plain-text files are often Markdown saved with another extension (a converter's output): headings
 * with `#`, `<sup>` note markers or `**bold**` mean Markdown rules apply, escapes included.
 */
function looksLikeMarkdown(text: string): boolean {
  return /^#{1,6}\s+\S/m.test(text) || /<sup>\d/i.test(text) || /\*\*\S/.test(text) || /^\[\^[^\]]+\]:/m.test(text);
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'main',
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'tr',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'hr',
  'dl',
  'dt',
  'dd',
]);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg']);

/**
 * HTML → the text Parallax checks: one block per paragraph, heading (`#`), list item (`-`), note
 * markers kept as `<sup>N</sup>`, notes in a footnotes list labelled with their number. Each line
 * remembers the source line its text came from.
 */
export function htmlToDraftText(html: string): { text: string; sourceLines: string[] } {
  const lines: { text: string; source: number }[] = [];
  let current = '';
  let currentSource = 1;
  let skip = 0;
  let inSup = 0;
  let supText = '';
  const stack: { name: string; notes: boolean; counter: number }[] = [];
  const lineStarts: number[] = [0];
  for (let i = 0; i < html.length; i++) if (html.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const sourceLineAt = (index: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const flush = () => {
    const t = current.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (t) {
      if (lines.length && lines.at(-1)?.text !== '') lines.push({ text: '', source: currentSource });
      lines.push({ text: t, source: currentSource });
    }
    current = '';
  };
  const append = (s: string, index: number) => {
    if (!current.trim()) currentSource = sourceLineAt(index);
    current += s;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (SKIP_TAGS.has(name)) skip++;
        if (skip) return;
        const marker = `${attrs.class ?? ''} ${attrs.id ?? ''} ${attrs.role ?? ''}`;
        const notes = /foot-?notes?|end-?notes?|doc-endnotes/i.test(marker) || !!stack.at(-1)?.notes;
        stack.push({ name, notes, counter: 0 });
        if (name === 'br') {
          current += '\n';
          return;
        }
        // A paragraph inside a list item continues the item: keep its marker on the same line.
        if (BLOCK_TAGS.has(name) && !(name === 'p' && /^\s*(<sup>\d+<\/sup>|-)\s*$/.test(current))) flush();
        const level = /^h([1-6])$/.exec(name)?.[1];
        if (level) append(`${'#'.repeat(Number(level))} `, parser.startIndex);
        if (name === 'li') {
          const list = [...stack].reverse().find((s) => s.name === 'ol' || s.name === 'ul');
          if (list) list.counter++;
          if (notes && list?.name === 'ol') append(`<sup>${list.counter}</sup> `, parser.startIndex);
          else append('- ', parser.startIndex);
        }
        if (name === 'sup') {
          inSup++;
          supText = '';
        }
      },
      ontext(text) {
        if (skip) return;
        const decoded = text;
        if (inSup) supText += decoded;
        // Back-links from a note to its marker (↩, ↑) are navigation, not text.
        else append(decoded.replace(/\s+/g, ' ').replace(/[↩↑]\uFE0E?/g, ''), parser.startIndex);
      },
      onclosetag(name) {
        if (SKIP_TAGS.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip) return;
        stack.pop();
        if (name === 'sup') {
          inSup = Math.max(0, inSup - 1);
          const label = supText.replace(/[[\]\s]/g, '');
          // Back-links in footnote lists (↩) and non-numeric superscripts are text, not markers.
          if (/^\d{1,3}$/.test(label)) append(`<sup>${label}</sup>`, parser.startIndex);
          else if (label && !/^[↩↑^]+$/.test(label)) append(supText, parser.startIndex);
          supText = '';
        }
        if (BLOCK_TAGS.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const out: string[] = [];
  const sources: string[] = [];
  for (const l of lines) {
    for (const part of l.text.split('\n')) {
      out.push(part.trim());
      sources.push(String(l.source));
    }
  }
  return { text: out.join('\n'), sourceLines: sources };
}

/**
 * PDF → text lines rebuilt from positioned text runs: runs on one baseline form a line, a small
 * number raised above the baseline becomes a `<sup>` note marker, and a wide vertical gap starts a
 * new paragraph. Lines remember their page (`p2:14`).
 */
async function pdfToDraftText(name: string, bytes: Uint8Array): Promise<{ text: string; sourceLines: string[] }> {
  const { extractTextItems, getDocumentProxy } = await import('unpdf');
  let pages: Awaited<ReturnType<typeof extractTextItems>>['items'];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    pages = (await extractTextItems(pdf)).items;
  } catch (error) {
    throw new InvalidInputError(`${name}: not a readable PDF (${(error as Error).message})`);
  }
  const out: string[] = [];
  const sources: string[] = [];
  // The body size is the one most characters are set in across the whole document: on a page
  // heavy with notes, the notes can outnumber the body.
  const chars = new Map<number, number>();
  for (const page of pages)
    for (const r of page)
      chars.set(Math.round(r.fontSize * 10) / 10, (chars.get(Math.round(r.fontSize * 10) / 10) ?? 0) + r.str.length);
  const body = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
  pages.forEach((items, p) => {
    const runs = items.filter((i) => i.str.trim() || i.hasEOL);
    type Line = { y: number; size: number; parts: { x: number; end: number; text: string; size: number; y: number }[] };
    const rows: Line[] = [];
    for (const r of runs) {
      if (!r.str.trim()) continue;
      const row = rows.find((l) => Math.abs(l.y - r.y) < Math.max(l.size, r.fontSize) * 0.6);
      const part = { x: r.x, end: r.x + r.width, text: r.str, size: r.fontSize, y: r.y };
      if (row) {
        row.parts.push(part);
        if (r.fontSize > row.size) {
          row.size = r.fontSize;
          row.y = r.y;
        }
      } else rows.push({ y: r.y, size: r.fontSize, parts: [part] });
    }
    rows.sort((a, b) => b.y - a.y);
    let previous: Line | null = null;
    let lineNo = 0;
    for (const row of rows) {
      row.parts.sort((a, b) => a.x - b.x);
      let text = '';
      let end = Number.NEGATIVE_INFINITY;
      for (const part of row.parts) {
        const raised = part.size < row.size * 0.85 && part.y > row.y + row.size * 0.15;
        const gap = part.x - end > row.size * 0.15;
        const chunk = raised && /^\d{1,3}$/.test(part.text.trim()) ? `<sup>${part.text.trim()}</sup>` : part.text;
        text += (text && gap && !raised && !/\s$/.test(text) ? ' ' : '') + chunk;
        end = part.end;
      }
      const smaller = row.size < body * 0.92;
      // Page numbers and running folios are furniture, not text.
      if (/^(page\s+)?\d{1,4}(\s*(\/|of)\s*\d{1,4})?$/i.test(text.trim())) {
        previous = null;
        continue;
      }
      const x = row.parts[0]?.x ?? 0;
      const outdented = previous !== null && x < (previous.parts[0]?.x ?? 0) - row.size * 0.5;
      if (
        previous &&
        (previous.y - row.y > previous.size * 1.9 || smaller !== previous.size < body * 0.92 || outdented)
      ) {
        out.push('');
        sources.push(`p${p + 1}:${lineNo}`);
      }
      // A small-print line that starts with a bare number is a footnote at the page bottom.
      const note = smaller ? /^(\d{1,3})\.?\s+(?=\S)/.exec(text) : null;
      if (note) {
        if (out.length && out.at(-1) !== '') {
          out.push('');
          sources.push(`p${p + 1}:${lineNo}`);
        }
        text = `<sup>${note[1]}</sup> ${text.slice(note[0].length)}`;
      }
      // Short lines set larger than the body are headings.
      if (row.size > body * 1.1 && text.trim().length < 90 && !/[.,;:]$/.test(text.trim()) && !note) {
        if (out.length && out.at(-1) !== '') {
          out.push('');
          sources.push(`p${p + 1}:${lineNo}`);
        }
        text = `${row.size > body * 1.4 ? '#' : '##'} ${text.trim()}`;
      }
      lineNo++;
      out.push(text.trim());
      sources.push(`p${p + 1}:${lineNo}`);
      previous = row;
    }
    out.push('');
    sources.push(`p${p + 1}:${lineNo + 1}`);
  });
  return { text: out.join('\n'), sourceLines: sources };
}

/** Reads a draft brief from a file's bytes: Markdown, plain text, HTML or PDF. */
export async function readDraft(input: {
  name: string;
  bytes: Uint8Array;
  mediaType?: string | null;
}): Promise<BriefDraft> {
  const { name, bytes } = input;
  if (bytes.byteLength > MAX_DRAFT_BYTES)
    throw new InvalidInputError(
      `${name}: ${Math.round(bytes.byteLength / 2 ** 20)} MB is over the 20 MB limit for a draft`,
    );
  if (!bytes.byteLength) throw new InvalidInputError(`${name}: the file is empty`);
  let format = draftFormatOf(name, input.mediaType);
  if (!format) {
    if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) format = 'pdf';
    else throw new InvalidInputError(`${name}: unsupported draft type (give a .md, .txt, .html, .pdf or .docx file)`);
  }
  if (format === 'docx') {
    // mammoth turns Word footnotes into a numbered list of notes and <sup> markers, which the HTML
    // reader already understands.
    const mammoth = (await import('mammoth')).default;
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    } catch (error) {
      throw new InvalidInputError(`${name}: not a readable DOCX file (${(error as Error).message})`);
    }
    const { text, sourceLines } = htmlToDraftText(html);
    return parseDraft(text, { name, format: 'docx', sourceLines: sourceLines.map((_, i) => String(i + 1)) });
  }
  if (format === 'pdf') {
    const { text, sourceLines } = await pdfToDraftText(name, bytes);
    if (!text.trim()) throw new InvalidInputError(`${name}: the PDF has no text layer (scanned pages need OCR first)`);
    return parseDraft(text, { name, format: 'pdf', sourceLines });
  }
  const text = decodeUtf8(name, bytes);
  if (format === 'html') {
    const { text: view, sourceLines } = htmlToDraftText(text);
    return parseDraft(view, { name, format: 'html', sourceLines });
  }
  if (format === 'text' && looksLikeMarkdown(text)) format = 'markdown';
  return parseDraft(text, { name, format });
}
