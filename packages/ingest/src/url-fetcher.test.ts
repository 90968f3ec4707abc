import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, localServer } from '../test/local-server.ts';
import { fetchUrl, privateAddressReason, USER_AGENT } from './url-fetcher.ts';

const servers: LocalServer[] = [];
const serve = async (...args: Parameters<typeof localServer>) => {
  const s = await localServer(...args);
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const html = '<!doctype html><title>x</title><p>hello</p>';

describe('fetchUrl', () => {
  it('fetches with an honest user agent, reports type and charset, and re-fetches conditionally', async () => {
    const s = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=Windows-1251',
        etag: '"v1"',
        'last-modified': 'Tue, 05 Mar 2024 08:00:00 GMT',
      });
      res.end(html);
    });
    const first = await fetchUrl(`${s.url}/a`, { allowPrivate: true, accept: ['text/html'] });
    expect(first).toMatchObject({
      status: 200,
      mediaType: 'text/html',
      charset: 'windows-1251',
      etag: '"v1"',
      notModified: false,
    });
    expect(new TextDecoder().decode(first.bytes)).toBe(html);
    expect(s.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    const again = await fetchUrl(`${s.url}/a`, { allowPrivate: true, conditional: { etag: first.etag } });
    expect(again).toMatchObject({ status: 304, notModified: true });
  });

  it('refuses loopback, private and link-local addresses unless allowed, before connecting', async () => {
    const s = await serve((_req, res) => res.end(html));
    const port = new URL(s.url).port;
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      'http://169.254.169.254/latest/meta-data',
    ]) {
      await expect(fetchUrl(url)).rejects.toThrow(
        /refused: .*\(a private, loopback or link-local address\); use --allow-private/,
      );
    }
    // A name that resolves to a private address is refused on the resolved address, not the name.
    await expect(
      fetchUrl('http://intranet.example.test/', { resolve: async () => [{ address: '10.1.2.3', family: 4 }] }),
    ).rejects.toThrow(
      /intranet\.example\.test\/: refused: intranet\.example\.test resolves to 10\.1\.2\.3 \(a private/,
    );
    expect(s.requests).toHaveLength(0);
    expect(privateAddressReason('::ffff:192.168.1.1')).toMatch(/private/);
    expect(privateAddressReason('93.184.216.34')).toBeNull();
  });

  it('checks every redirect: a public-looking page that redirects to 127.0.0.1 is refused', async () => {
    const inside = await serve((_req, res) => res.end('internal admin page'));
    // The first hop listens on 127.0.0.5, which this test's policy treats as public; 127.0.0.1 stays private.
    const outside = await serve(
      (_req, res) => res.writeHead(302, { location: `${inside.url}/admin` }).end(),
      '127.0.0.5',
    );
    const policy = (address: string) => (address === '127.0.0.5' ? null : privateAddressReason(address));
    await expect(fetchUrl(`${outside.url}/story`, { addressPolicy: policy })).rejects.toThrow(
      new RegExp(
        `${inside.url}/admin: refused: 127\\.0\\.0\\.1 \\(a private, loopback or link-local address\\), redirected from ${outside.url}/story`,
      ),
    );
    expect(outside.requests).toHaveLength(1);
    expect(inside.requests).toHaveLength(0);
  });

  it('bounds redirects, size, time and content type, naming the URL', async () => {
    let hops = 0;
    const s = await serve((req, res) => {
      if (req.url?.startsWith('/loop')) {
        hops++;
        res.writeHead(301, { location: `/loop${hops}` }).end();
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('x'.repeat(300_000));
      } else if (req.url === '/declared') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 ** 9) });
        res.end('short');
      } else if (req.url === '/image') {
        res.writeHead(200, { 'content-type': 'image/png' }).end('png');
      } else if (req.url === '/slow') {
        // Never answers: the deadline must fire.
      } else res.writeHead(404).end();
    });
    const opts = { allowPrivate: true, accept: ['text/html'] };
    await expect(fetchUrl(`${s.url}/loop`, { ...opts, maxRedirects: 3 })).rejects.toThrow(
      /\/loop: more than 3 redirects/,
    );
    await expect(fetchUrl(`${s.url}/big`, { ...opts, maxBytes: 100_000 })).rejects.toThrow(
      /\/big: the body passed the 100000-byte limit/,
    );
    await expect(fetchUrl(`${s.url}/declared`, { ...opts, maxBytes: 100_000 })).rejects.toThrow(
      /\/declared: 1000000000 bytes is over/,
    );
    await expect(fetchUrl(`${s.url}/image`, opts)).rejects.toThrow(
      /\/image: content type 'image\/png' is not one of text\/html/,
    );
    await expect(fetchUrl(`${s.url}/slow`, { ...opts, timeoutMs: 300 })).rejects.toThrow(
      /\/slow: timed out after 300 ms/,
    );
    await expect(fetchUrl(`${s.url}/missing`, opts)).rejects.toThrow(/\/missing: the server answered 404/);
    await expect(fetchUrl('ftp://example.test/x', opts)).rejects.toThrow(/only http and https/);
  });
});
