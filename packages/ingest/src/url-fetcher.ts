import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { InvalidInputError, UnavailableError } from '@parallax/core';

/** Says who we are and that a person asked for the page, as a polite client should. */
export const USER_AGENT =
  'Parallax/0.1 (open-source crisis-intelligence workbench; fetches only what an analyst asked for)';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface FetchOptions {
  /** Allow private, loopback and link-local addresses (off by default: a URL must not reach the analyst's own network). */
  allowPrivate?: boolean;
  /** Time allowed for the whole fetch, redirects included (default 20 s). */
  timeoutMs?: number;
  /** Largest body accepted (default 50 MiB); the download stops when it is passed. */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Media types accepted (`text/html`, `application/pdf`…); a prefix ending in `/` accepts a family. */
  accept?: string[];
  /** Validators from an earlier fetch, so an unchanged resource costs a 304. */
  conditional?: { etag?: string | null; lastModified?: string | null };
  /** DNS resolution; the default is the system resolver. Tests substitute their own. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
  /**
   * Decides whether an address may be contacted: returns the reason to refuse, or null. The
   * default refuses private, loopback and link-local ranges unless `allowPrivate`.
   */
  addressPolicy?: (address: string) => string | null;
}

export interface FetchResult {
  /** The URL finally answered, after redirects. */
  url: string;
  redirects: string[];
  notModified: boolean;
  status: number;
  bytes: Uint8Array;
  /** Media type without parameters, lower-case. */
  mediaType: string | null;
  /** `charset` parameter of Content-Type, when given. */
  charset: string | null;
  etag: string | null;
  lastModified: string | null;
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** Why an address is private (loopback, private range, link-local…), or null for a public one. */
export function privateAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return `'${address}' is not an IP address`;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return privateAddressReason(mapped[1]);
  }
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
    ? `${address} (a private, loopback or link-local address)`
    : null;
}

async function systemResolve(host: string): Promise<ResolvedAddress[]> {
  return dnsLookup(host, { all: true, verbatim: true });
}

function parseContentType(header: string | undefined): { mediaType: string | null; charset: string | null } {
  if (!header) return { mediaType: null, charset: null };
  const [type, ...params] = header.split(';');
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1])
    .find((c): c is string => Boolean(c));
  return { mediaType: type?.trim().toLowerCase() || null, charset: charset?.toLowerCase() ?? null };
}

function accepted(mediaType: string | null, accept: string[] | undefined): boolean {
  if (!accept?.length) return true;
  if (!mediaType) return false;
  return accept.some((a) => (a.endsWith('/') ? mediaType.startsWith(a) : mediaType === a));
}

/**
 * Fetches a URL the careful way: only http(s); every hop's host resolved and checked before
 * connecting, and the connection pinned to the checked address (so DNS cannot answer differently
 * between the check and the connection); redirects bounded and each checked the same way; one
 * deadline for the whole fetch; the body capped while it streams; the media type checked; ETag and
 * Last-Modified sent back for conditional re-fetches. Every refusal names the URL and the reason.
 */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? 50 * 2 ** 20;
  const maxRedirects = options.maxRedirects ?? 5;
  const resolve = options.resolve ?? systemResolve;
  const policy =
    options.addressPolicy ?? ((address: string) => (options.allowPrivate ? null : privateAddressReason(address)));
  const deadline = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  const redirects: string[] = [];
  let current = url;

  for (let hop = 0; ; hop++) {
    let target: URL;
    try {
      target = new URL(current);
    } catch {
      throw new InvalidInputError(`${current}: not a valid URL`);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new InvalidInputError(`${current}: only http and https URLs can be fetched`);
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    let addresses: ResolvedAddress[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await resolve(host);
      } catch (error) {
        throw new UnavailableError(`${current}: cannot resolve ${host} (${(error as Error).message})`);
      }
    }
    if (!addresses.length) throw new UnavailableError(`${current}: ${host} has no address`);
    for (const a of addresses) {
      const reason = policy(a.address);
      if (reason) {
        throw new InvalidInputError(
          `${current}: refused: ${isIP(host) ? '' : `${host} resolves to `}${reason}${hop > 0 ? `, redirected from ${url}` : ''}; use --allow-private to fetch from your own network`,
        );
      }
    }
    const pinned = addresses[0] as ResolvedAddress;

    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept: options.accept?.length
        ? `${options.accept.map((a) => (a.endsWith('/') ? `${a}*` : a)).join(', ')};q=1, */*;q=0.1`
        : '*/*',
      'accept-encoding': 'identity',
    };
    if (hop === 0 && options.conditional?.etag) headers['if-none-match'] = options.conditional.etag;
    if (hop === 0 && options.conditional?.lastModified) headers['if-modified-since'] = options.conditional.lastModified;

    const response = await new Promise<http.IncomingMessage>((resolvePromise, reject) => {
      const lib = target.protocol === 'https:' ? https : http;
      const req = lib.request(
        target,
        {
          method: 'GET',
          headers,
          signal: deadline,
          // Connect to the address that was checked, whatever DNS would say now.
          lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) =>
            opts?.all ? cb(null, [pinned]) : cb(null, pinned.address, pinned.family)) as unknown as LookupFunction,
        },
        resolvePromise,
      );
      req.on('error', (error) =>
        reject(
          deadline.aborted
            ? new UnavailableError(`${current}: timed out after ${options.timeoutMs ?? 20_000} ms`)
            : new UnavailableError(`${current}: ${(error as Error).message}`),
        ),
      );
      req.end();
    });

    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && status !== 304) {
      response.resume();
      const location = response.headers.location;
      if (!location) throw new UnavailableError(`${current}: redirect (${status}) without a Location`);
      if (hop >= maxRedirects) throw new InvalidInputError(`${url}: more than ${maxRedirects} redirects`);
      const next = new URL(location, current).toString();
      redirects.push(next);
      current = next;
      continue;
    }
    const etag = (response.headers.etag as string | undefined) ?? null;
    const lastModified = (response.headers['last-modified'] as string | undefined) ?? null;
    const { mediaType, charset } = parseContentType(response.headers['content-type']);
    if (status === 304) {
      response.resume();
      return {
        url: current,
        redirects,
        notModified: true,
        status,
        bytes: new Uint8Array(),
        mediaType,
        charset,
        etag,
        lastModified,
      };
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new UnavailableError(`${current}: the server answered ${status} ${response.statusMessage ?? ''}`.trim());
    }
    if (!accepted(mediaType, options.accept)) {
      response.destroy();
      throw new InvalidInputError(
        `${current}: content type '${mediaType ?? 'none'}' is not one of ${options.accept?.join(', ')}`,
      );
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.destroy();
      throw new InvalidInputError(`${current}: ${declared} bytes is over the ${maxBytes}-byte limit`);
    }
    const parts: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of response) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) {
          response.destroy();
          throw new InvalidInputError(`${current}: the body passed the ${maxBytes}-byte limit; download stopped`);
        }
        parts.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof InvalidInputError) throw error;
      throw new UnavailableError(
        deadline.aborted
          ? `${current}: timed out after ${options.timeoutMs ?? 20_000} ms`
          : `${current}: the download broke off (${(error as Error).message})`,
      );
    }
    return {
      url: current,
      redirects,
      notModified: false,
      status,
      bytes: new Uint8Array(Buffer.concat(parts)),
      mediaType,
      charset,
      etag,
      lastModified,
    };
  }
}
