import type { Document, Source } from '@parallax/core';

/** The CSL-JSON fields the composer fills (CSL 1.0.2 variables). */
export interface CslItem {
  id: string;
  type: 'article-newspaper' | 'webpage' | 'report' | 'dataset' | 'post';
  title: string;
  'title-short'?: string;
  'container-title'?: string;
  publisher?: string;
  author?: ({ family: string; given?: string } | { literal: string })[];
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL?: string;
  language?: string;
}

const INSTITUTIONAL =
  /\b(staff|news|agency|desk|service|office|ministry|department|press|bureau|team|correspondents?|reporters?|editorial|board|wire)\b/i;

/** A byline into CSL names: people as family/given, newsrooms and offices as literal names. */
export function cslAuthors(byline: string | null): CslItem['author'] {
  // "Yonhap staff", "AP staff": a staff byline names no author, and Chicago then starts with the title.
  if (!byline?.trim() || /^[\w .&-]+\bstaff$/i.test(byline.trim())) return undefined;
  const names = byline
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|;|\band\b|&)\s*/)
    .map((n) => n.trim())
    .filter(Boolean);
  return names.map((n) => {
    const words = n.split(/\s+/);
    if (words.length < 2 || INSTITUTIONAL.test(n)) return { literal: n };
    const suffix = /^(jr\.?|sr\.?|ii|iii|iv)$/i.test(words.at(-1) ?? '') ? words.pop() : null;
    const family = words.pop() as string;
    return { family: suffix ? `${family} ${suffix}` : family, given: words.join(' ') };
  });
}

/** Chicago's short title: the part before a colon, or at most four words. */
export function shortTitle(title: string): string {
  const head = title.split(/:\s/)[0] ?? title;
  const words = head.split(/\s+/);
  if (words.length <= 4) return head;
  const cut = words.slice(0, 4);
  while (
    cut.length > 1 &&
    /^(a|an|the|of|in|on|to|for|and|or|by|with|at|from|after|before|over|under|into|about|against|between|as)$/i.test(
      cut.at(-1) ?? '',
    )
  )
    cut.pop();
  return cut.join(' ').replace(/[,;:]$/, '');
}

function dateParts(iso: string | null): { 'date-parts': number[][] } | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? { 'date-parts': [[Number(m[1]), Number(m[2]), Number(m[3])]] } : undefined;
}

function cslType(source: Source | null, doc: Document): CslItem['type'] {
  if (source?.kind === 'news-outlet' || source?.kind === 'wire-agency') return 'article-newspaper';
  if (source?.kind === 'dataset' || /csv|zip|json/.test(doc.mediaType)) return 'dataset';
  if (source?.kind === 'social-media') return 'post';
  if (doc.mediaType === 'application/pdf' && (source?.kind === 'think-tank' || source?.kind === 'ngo')) return 'report';
  return 'webpage';
}

/**
 * A workspace Document as a CSL item: news outlets and wires as newspaper articles, official and
 * institutional pages as web pages, PDFs from think tanks and NGOs as reports.
 */
export function cslItem(doc: Document, source: Source | null): CslItem {
  const type = cslType(source, doc);
  const container = doc.publisher ?? source?.name ?? undefined;
  const item: CslItem = { id: doc.id, type, title: doc.title };
  const short = shortTitle(doc.title);
  if (short !== doc.title) item['title-short'] = short;
  const author = cslAuthors(doc.author);
  if (author) item.author = author;
  if (container) {
    if (type === 'report' || type === 'dataset') item.publisher = container;
    else item['container-title'] = container;
  }
  const issued = dateParts(doc.published);
  if (issued) item.issued = issued;
  const accessed = dateParts(doc.retrieved);
  if (accessed) item.accessed = accessed;
  if (doc.url) item.URL = doc.url;
  if (doc.language && doc.language !== 'und') item.language = doc.language;
  return item;
}
