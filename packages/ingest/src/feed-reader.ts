import { createRequire } from 'node:module';
import { InvalidInputError, type IsoDateTime } from '@parallax/core';
import { decodeText, htmlDeclaredCharset } from './text-decoding.ts';

/** One entry of a feed: where the article is, and what the feed itself says about it. */
export interface FeedItem {
  /** The feed's own id for the item (guid, Atom id, JSON Feed id), else its URL. */
  id: string;
  url: string | null;
  title: string | null;
  published: IsoDateTime | null;
  author: string | null;
  /** Full or summary HTML the feed carries, used when the article itself cannot be fetched. */
  contentHtml: string | null;
}

export interface Feed {
  format: 'rss' | 'atom' | 'json' | 'rdf';
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  items: FeedItem[];
}

type Node = Record<string, unknown>;
type XmlLibrary = typeof import('fast-xml-parser');
let xml: XmlLibrary | null = null;
/** Loaded on first use, so commands that read no feed do not pay for it at start. */
const xmlLibrary = (): XmlLibrary => {
  xml ??= createRequire(import.meta.url)('fast-xml-parser') as XmlLibrary;
  return xml;
};

const asArray = <T>(v: T | T[] | undefined | null): T[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object') {
    const o = v as Node;
    if ('#text' in o) return str(o['#text']);
    if ('name' in o) return str(o.name);
  }
  return null;
}

function date(v: unknown): IsoDateTime | null {
  const s = str(v);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : (new Date(t).toISOString() as IsoDateTime);
}

function atomLink(links: unknown): string | null {
  const all = asArray(links as Node | Node[]);
  const alternate = all.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? all[0];
  return alternate ? str(alternate['@_href']) : null;
}

function resolveUrl(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).toString();
  } catch {
    return null;
  }
}

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed document. Dates are normalised to ISO (Atom's
 * `published` is preferred to `updated`, which moves when a story is edited). Malformed XML is
 * refused with the line and column of the fault.
 */
export function readFeed(
  name: string,
  bytes: Uint8Array,
  charset: string | null = null,
  baseUrl: string | null = null,
): Feed {
  const { text } = decodeText(name, bytes, charset ?? htmlDeclaredCharset(bytes));
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return readJsonFeed(name, trimmed, baseUrl);
  if (!trimmed.startsWith('<')) throw new InvalidInputError(`${name}: not a feed (neither XML nor JSON)`);
  const { XMLParser, XMLValidator } = xmlLibrary();
  const valid = XMLValidator.validate(trimmed);
  if (valid !== true) {
    throw new InvalidInputError(
      `${name}: malformed feed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    );
  }
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: true,
    htmlEntities: true,
    isArray: (tag) => ['item', 'entry', 'link'].includes(tag),
  }).parse(trimmed) as Node;

  const rss = doc.rss as Node | undefined;
  if (rss?.channel) {
    const channel = (Array.isArray(rss.channel) ? rss.channel[0] : rss.channel) as Node;
    const link = resolveUrl(str(asArray(channel.link as unknown[])[0]), baseUrl);
    return {
      format: 'rss',
      title: str(channel.title),
      link,
      items: asArray(channel.item as Node[]).map((item) => rssItem(item, link ?? baseUrl)),
    };
  }
  const rdf = (doc['rdf:RDF'] ?? doc.RDF) as Node | undefined;
  if (rdf) {
    const channel = (rdf.channel ?? {}) as Node;
    const link = resolveUrl(str(asArray(channel.link as unknown[])[0]), baseUrl);
    return {
      format: 'rdf',
      title: str(channel.title),
      link,
      items: asArray(rdf.item as Node[]).map((item) => rssItem(item, link ?? baseUrl)),
    };
  }
  const feed = doc.feed as Node | undefined;
  if (feed) {
    const link = resolveUrl(atomLink(feed.link), baseUrl);
    return {
      format: 'atom',
      title: str(feed.title),
      link,
      items: asArray(feed.entry as Node[]).map((entry) => {
        const url = resolveUrl(atomLink(entry.link), link ?? baseUrl);
        return {
          id: str(entry.id) ?? url ?? '',
          url,
          title: str(entry.title),
          published: date(entry.published) ?? date(entry.updated),
          author: str(asArray(entry.author as Node[])[0]),
          contentHtml: str(entry.content) ?? str(entry.summary),
        };
      }),
    };
  }
  throw new InvalidInputError(
    `${name}: XML, but not an RSS, RDF or Atom feed (root element: ${Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'none'})`,
  );
}

function rssItem(item: Node, base: string | null): FeedItem {
  const url = resolveUrl(str(asArray(item.link as unknown[])[0]), base);
  const guid = str(item.guid);
  return {
    id: guid ?? url ?? str(item.title) ?? '',
    url: url ?? (guid && /^https?:\/\//.test(guid) ? guid : null),
    title: str(item.title),
    published: date(item.pubDate) ?? date(item['dc:date']),
    author: str(item['dc:creator']) ?? str(item.author),
    contentHtml: str(item['content:encoded']) ?? str(item.description),
  };
}

function readJsonFeed(name: string, text: string, baseUrl: string | null): Feed {
  let doc: Node;
  try {
    doc = JSON.parse(text) as Node;
  } catch (error) {
    throw new InvalidInputError(`${name}: malformed JSON Feed (${(error as Error).message})`);
  }
  if (typeof doc.version !== 'string' || !doc.version.startsWith('https://jsonfeed.org/version/')) {
    throw new InvalidInputError(`${name}: JSON, but not a JSON Feed (no jsonfeed.org version)`);
  }
  const link = resolveUrl(str(doc.home_page_url), baseUrl);
  return {
    format: 'json',
    title: str(doc.title),
    link,
    items: asArray(doc.items as Node[]).map((item) => {
      const url = resolveUrl(str(item.url) ?? str(item.external_url), link ?? baseUrl);
      return {
        id: str(item.id) ?? url ?? '',
        url,
        title: str(item.title),
        published: date(item.date_published) ?? date(item.date_modified),
        author: str(asArray(item.authors as Node[])[0]) ?? str(item.author),
        contentHtml:
          str(item.content_html) ??
          (str(item.content_text)
            ? `<p>${(str(item.content_text) as string).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n\n+/g, '</p><p>')}</p>`
            : null),
      };
    }),
  };
}
