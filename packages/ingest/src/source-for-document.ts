import { buildSource, type Source } from '@parallax/core';

/** The host a URL names, lower-cased and without a leading `www.`; null for non-http(s) URLs. */
export function domainOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * The Source a document was published by: keyed on its URL's domain when it has one (so every page
 * from one site lands on one Source), else on the publisher's name. Null when neither is known.
 */
export function sourceForDocument(publisher: string | null, url: string | null): Source | null {
  const domain = domainOf(url);
  if (!domain && !publisher) return null;
  return buildSource({ name: publisher ?? domain ?? 'Unknown', domain });
}
