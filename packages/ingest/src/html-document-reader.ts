import { createRequire } from 'node:module';
import { buildDocument, InvalidInputError, type IsoDateTime } from '@parallax/core';
import { detectLanguage } from './language-detector.ts';
import { sourceForDocument } from './source-for-document.ts';
import { decodeText, htmlDeclaredCharset } from './text-decoding.ts';
import type { RawInput, ReadResult } from './text-document-reader.ts';

type Libraries = {
  parseHTML: typeof import('linkedom').parseHTML;
  Readability: typeof import('@mozilla/readability').Readability;
};
let libraries: Libraries | null = null;

/** linkedom and Readability load on first use: every CLI command would otherwise pay for them at start. */
function html(): Libraries {
  if (!libraries) {
    const require = createRequire(import.meta.url);
    libraries = {
      parseHTML: (require('linkedom') as typeof import('linkedom')).parseHTML,
      Readability: (require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability,
    };
  }
  return libraries;
}

/** Less main text than this (characters) is a page without an article: an index, a login wall, an app shell. */
const MIN_MAIN_TEXT = 200;

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, th, dt, dd';

type Json = Record<string, unknown>;

function isoDate(value: unknown): IsoDateTime | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? null : (new Date(t).toISOString() as IsoDateTime);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ') || null;
  if (value && typeof value === 'object' && 'name' in value) return text((value as Json).name);
  return null;
}

/** schema.org objects in JSON-LD scripts, flattening @graph and arrays. */
function jsonLdObjects(document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Json);
      if ('@graph' in v) visit((v as Json)['@graph']);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common and says nothing about the article; the other sources remain.
    }
  }
  return out;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report|WebPage)$/;

interface BlockElement {
  textContent: string | null;
  querySelector(selector: string): unknown;
}

/** Paragraph-separated text of an HTML fragment: one block element per paragraph. */
function blockText(fragment: string): string {
  const { document } = html().parseHTML(`<!doctype html><html><body>${fragment}</body></html>`);
  const parts: string[] = [];
  const blocks = Array.from(document.querySelectorAll(BLOCKS) as ArrayLike<BlockElement>);
  for (const el of blocks) {
    // Nested blocks (a <p> in an <li>) are taken at the innermost level only.
    if (el.querySelector(BLOCKS)) continue;
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) parts.push(t);
  }
  const joined = parts.join('\n\n');
  return joined || (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Reads a saved or fetched web page: the main text via Readability (navigation, ads and footers
 * dropped), metadata from JSON-LD, OpenGraph and meta tags (in that order of trust), the canonical
 * URL as the document's URL, and the site name as the Source's name. A page with no article text is
 * refused, naming the input, rather than stored as an empty or boilerplate document.
 */
export function readHtmlDocument(input: RawInput & { charset?: string | null }): ReadResult {
  const declared = input.charset ?? htmlDeclaredCharset(input.bytes);
  const { text: page } = decodeText(input.name, input.bytes, declared);
  if (!/<[a-z!]/i.test(page)) throw new InvalidInputError(`${input.name}: not HTML (no markup found)`);
  const { Readability, parseHTML } = html();
  const { document } = parseHTML(page);
  const meta = (selector: string) => (document.querySelector(selector)?.getAttribute('content') ?? '').trim() || null;
  const ld = jsonLdObjects(document);
  const article = ld.find((o) => ARTICLE_TYPES.test(String(o['@type'] ?? ''))) ?? {};
  const base = input.url ?? null;
  const absolute = (href: string | null | undefined) => {
    if (!href) return null;
    try {
      const u = new URL(href, base ?? undefined);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
    } catch {
      return null;
    }
  };
  const canonical =
    absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
    absolute(meta('meta[property="og:url"]')) ??
    base;
  const lang = (document.documentElement?.getAttribute('lang') ?? '').trim() || null;

  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: MIN_MAIN_TEXT,
  }).parse();
  // A byline paragraph ("By Ana Petrova") is metadata, not article text: Readability leaves it in
  // when the page's metadata already named the author.
  const body = (parsed?.content ? blockText(parsed.content) : '').replace(/^By [^\n]{1,80}\n\n/, '');
  // Han, kana and Hangul carry about two Latin letters' worth each, so they count double.
  const weight =
    body.length +
    (body.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0);
  if (weight < MIN_MAIN_TEXT) {
    throw new InvalidInputError(
      `${input.name}: no main text found (${body.length} characters of article text); is it an index page, a login wall or a script-only app?`,
    );
  }
  const title =
    text(article.headline) ??
    meta('meta[property="og:title"]') ??
    meta('meta[name="twitter:title"]') ??
    parsed?.title?.trim() ??
    (document.querySelector('title')?.textContent ?? '').trim() ??
    input.name;
  const author =
    text(article.author) ??
    meta('meta[name="author"]') ??
    meta('meta[property="article:author"]') ??
    parsed?.byline?.trim() ??
    null;
  const published =
    isoDate(article.datePublished) ??
    isoDate(meta('meta[property="article:published_time"]')) ??
    isoDate(meta('meta[itemprop="datePublished"]')) ??
    isoDate(meta('meta[name="date"]')) ??
    isoDate(meta('meta[name="pubdate"]')) ??
    isoDate(meta('meta[name="dc.date"]')) ??
    isoDate(meta('meta[name="DC.date.issued"]')) ??
    isoDate(document.querySelector('time[datetime]')?.getAttribute('datetime')) ??
    isoDate(parsed?.publishedTime);
  const publisher =
    meta('meta[property="og:site_name"]') ??
    text(article.publisher) ??
    meta('meta[name="application-name"]') ??
    parsed?.siteName?.trim() ??
    null;
  const source = sourceForDocument(publisher, canonical);
  const document_ = buildDocument({
    title: title || input.name,
    text: body,
    retrieved: input.retrieved,
    url: canonical,
    author: author || null,
    publisher,
    published,
    language: lang && /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(lang) ? lang.replace(/_/g, '-') : detectLanguage(body),
    mediaType: 'text/html',
    sourceId: source?.id ?? null,
  });
  return { document: document_, source, declaredOriginal: null };
}
