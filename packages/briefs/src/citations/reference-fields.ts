import { plainText, tidyTitle } from '../draft/inline-markup.ts';
import { type FoundUrl, findUrls } from './find-urls.ts';

/** A date as a citation writes it. */
export interface CitedDate {
  text: string;
  year: number;
  /** `YYYY-MM-DD` when the day is given, `YYYY-MM` for a month, `YYYY` for a year. */
  iso: string;
}

/**
 * The fields of one note or bibliography entry, read from Chicago-style text in its common shapes:
 * notes (`Author, "Title," Publisher, Month D, YYYY, URL.`), bibliography (`Author. "Title."
 * Publisher, Month D, YYYY. URL.`) and author-date (`Author. YYYY. "Title." Publisher. URL.`).
 */
export interface ReferenceFields {
  text: string;
  authors: string | null;
  title: string | null;
  /** Publisher, site or periodical: the first part after the title that is not a date or URL. */
  container: string | null;
  date: CitedDate | null;
  /** `n.d.`: the writer says the work has no date. */
  undated: boolean;
  accessed: CitedDate | null;
  urls: FoundUrl[];
  /** `Ibid.`: the same work as the note before. */
  ibid: boolean;
  /** A shortened note (`Surname, Short Title.`): no container, date or URL. */
  short: boolean;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const MDY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i');
const DMY = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'i');
const MY = new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'i');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const YEAR = /(?<![\d/-])((?:19|20)\d{2})[a-z]?(?![\d/-])/;

function monthNumber(name: string): number {
  const i = MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace(/\.$/, '').slice(0, 3)));
  return i + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first date in a piece of citation text, as precisely as it is given. */
export function readDate(text: string): CitedDate | null {
  let m = MDY.exec(text);
  if (m?.[1] && m[2] && m[3]) {
    const month = monthNumber(m[1]);
    return { text: m[0], year: Number(m[3]), iso: `${m[3]}-${pad(month)}-${pad(Number(m[2]))}` };
  }
  m = DMY.exec(text);
  if (m?.[1] && m[2] && m[3]) {
    const month = monthNumber(m[2]);
    return { text: m[0], year: Number(m[3]), iso: `${m[3]}-${pad(month)}-${pad(Number(m[1]))}` };
  }
  m = ISO.exec(text);
  if (m?.[1]) return { text: m[0], year: Number(m[1]), iso: m[0] };
  m = MY.exec(text);
  if (m?.[1] && m[2]) return { text: m[0], year: Number(m[2]), iso: `${m[2]}-${pad(monthNumber(m[1]))}` };
  m = YEAR.exec(text);
  if (m?.[1]) return { text: m[1], year: Number(m[1]), iso: m[1] };
  return null;
}

/** The title: the first quoted run (straight or curly quotes), else the first italic run. */
function findTitle(text: string, rawText: string): { title: string; start: number; end: number } | null {
  const quoted = /“([^”]{3,})”|"([^"]{3,})"/.exec(text);
  if (quoted) {
    const title = tidyTitle(quoted[1] ?? quoted[2] ?? '');
    return { title, start: quoted.index, end: quoted.index + quoted[0].length };
  }
  const italic = /(?:^|[\s(])(?:\*|_|<i>|<em>)([^*_<]{3,}?)(?:\*|_|<\/i>|<\/em>)/i.exec(rawText);
  if (italic?.[1]) {
    const title = tidyTitle(italic[1]);
    const at = text.indexOf(title);
    if (at >= 0) return { title, start: at, end: at + title.length };
  }
  return null;
}

/** Reads the fields of one note or bibliography entry. */
export function readReference(raw: string, options: { markdown: boolean }): ReferenceFields {
  const urls = findUrls(raw, options);
  const text = plainText(raw, options).replace(/\s+/g, ' ').trim();
  // Field parsing works on the text with its URLs cut out, so URL words never look like a publisher.
  const plainUrls = findUrls(text, { markdown: false });
  let withoutUrls = text;
  for (const u of [...plainUrls].reverse()) withoutUrls = `${withoutUrls.slice(0, u.start)}${withoutUrls.slice(u.end)}`;
  withoutUrls = withoutUrls.replace(/\s+/g, ' ').trim();

  const ibid = /^ibid\b/i.test(withoutUrls);
  const titleAt = findTitle(withoutUrls, raw);
  const before = titleAt ? withoutUrls.slice(0, titleAt.start) : '';
  const after = titleAt ? withoutUrls.slice(titleAt.end) : withoutUrls;

  const accessedMatch = /\baccessed\s+([^.;]*\d{4})/i.exec(after);
  const accessed = accessedMatch?.[1] ? readDate(accessedMatch[1]) : null;
  const afterNoAccess = accessedMatch ? after.replace(accessedMatch[0], ' ') : after;
  const undated = /\bn\.\s?d\./i.test(withoutUrls);

  const authors = before
    .replace(YEAR, ' ')
    .replace(/\bn\.\s?d\./i, ' ')
    .replace(/[\s.,;:]+$/g, '')
    .replace(/^[\s.,;:]+/, '')
    .trim();

  const date = readDate(afterNoAccess) ?? readDate(before);

  let container: string | null = null;
  // Dates go first, so "March 2, 2025" is never split into a "March 2" publisher and a year.
  const undatedRest = afterNoAccess
    .replace(new RegExp(MDY.source, 'gi'), ' ')
    .replace(new RegExp(DMY.source, 'gi'), ' ');
  for (const part of undatedRest.split(/(?<=[.,;])\s+|\s+(?=\()/)) {
    const p = part.replace(/^[\s"'”’.,;:]+|[\s.,;:]+$/g, '').trim();
    if (!p || p.length < 2) continue;
    if (readDate(p) && p.replace(new RegExp(readDate(p)?.text ?? '', 'i'), '').replace(/[\W\d]/g, '').length < 3)
      continue;
    if (/^n\.\s?d$/i.test(p) || /^(accessed|last modified|updated)\b/i.test(p)) continue;
    container = p;
    break;
  }
  const short = !ibid && urls.length === 0 && !date && container === null;
  return {
    text,
    authors: authors || null,
    title: titleAt?.title ?? null,
    container,
    date,
    undated,
    accessed,
    urls,
    ibid,
    short,
  };
}

/** The surname a bibliography sorts by: `Guinto, Joel, …` → `Guinto`; `Joel Guinto` → `Guinto`. */
export function leadSurname(authors: string | null): string | null {
  if (!authors) return null;
  const first = authors.split(/,|\band\b/)[0]?.trim() ?? '';
  if (authors.includes(',')) return first || null;
  const words = first.split(/\s+/);
  return words.at(-1) ?? null;
}

/** The date a draft gives itself: a short line near the top that is only a date. */
export function draftDate(blocks: readonly { text: string; line: number }[]): CitedDate | null {
  for (const b of blocks.slice(0, 8)) {
    if (b.text.length > 40) continue;
    const d = readDate(b.text);
    if (d && /^\d{4}-\d{2}-\d{2}$/.test(d.iso) && b.text.replace(d.text, '').replace(/[\W]/g, '').length < 12) return d;
  }
  return null;
}

/**
 * A note citing several works (`Lopes, “Harbours”; Riva, “Premiums.”`) split into one citation per
 * work, at semicolons outside quotation marks and brackets.
 */
export function splitCitations(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“') quoted = true;
    else if (c === '”') quoted = false;
    else if (c === '"') quoted = !quoted;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === ';' && !quoted && depth === 0 && /^\s+\S/.test(text.slice(i + 1, i + 3))) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  // Only split when every part names a work; "Paris; London" in a publisher stays whole.
  return parts.length > 1 && parts.every((p) => /[“"][^”"]{3,}[”"]|[*_][^*_]{3,}[*_]/.test(p)) ? parts : [text];
}
