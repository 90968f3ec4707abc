/**
 * Second-level labels that many country-code registries sell under (`co.uk`, `go.kr`, `gov.ua`,
 * `com.au`): the outlet's own name is the label before them.
 */
const SECOND_LEVEL = new Set(['co', 'com', 'gov', 'go', 'ac', 'org', 'net', 'edu', 'or', 'ne', 'mil', 'gob', 'gouv']);

/**
 * The registrable domain of a host: `en.yna.co.kr` → `yna.co.kr`, `www.bbc.com` → `bbc.com`. Two
 * hosts of one newsroom (an English edition, a mobile site) are one origin, not two.
 */
export function registrableDomain(host: string): string {
  const known = domains.get(host);
  if (known !== undefined) return known;
  const domain = computeRegistrableDomain(host);
  if (domains.size > 100_000) domains.clear();
  domains.set(host, domain);
  return domain;
}

/** Hosts repeat across millions of dataset rows; the answer is remembered (bounded). */
const domains = new Map<string, string>();

function computeRegistrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const tld = labels.at(-1) as string;
  const second = labels.at(-2) as string;
  const keep = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The host of a URL without `www.`, or null when it is not an absolute URL. */
export function urlHost(url: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)/i.exec(url.trim());
  return m ? (m[1] as string).toLowerCase().replace(/^www\./, '') : null;
}
