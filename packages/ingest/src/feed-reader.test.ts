import { describe, expect, it } from 'vitest';
import { readFeed } from './feed-reader.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('readFeed', () => {
  it('reads RSS 2.0 with content:encoded and relative links', () => {
    const feed = readFeed(
      'news.rss',
      enc(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Ledger &amp; Co</title><link>https://ledger.test/</link>
<item><title>Crossing reopens</title><link>/world/1</link><guid isPermaLink="false">ledger-1</guid>
<pubDate>Tue, 05 Mar 2024 08:15:00 +0200</pubDate><dc:creator>Ana Petrova</dc:creator>
<content:encoded><![CDATA[<p>Full text</p>]]></content:encoded></item>
<item><title>Second</title><link>https://ledger.test/world/2</link></item>
</channel></rss>`),
    );
    expect(feed).toMatchObject({ format: 'rss', title: 'Ledger & Co', link: 'https://ledger.test/' });
    expect(feed.items).toEqual([
      {
        id: 'ledger-1',
        url: 'https://ledger.test/world/1',
        title: 'Crossing reopens',
        published: '2024-03-05T06:15:00.000Z',
        author: 'Ana Petrova',
        contentHtml: '<p>Full text</p>',
      },
      {
        id: 'https://ledger.test/world/2',
        url: 'https://ledger.test/world/2',
        title: 'Second',
        published: null,
        author: null,
        contentHtml: null,
      },
    ]);
  });

  it('reads Atom (published over updated) and JSON Feed', () => {
    const atom = readFeed(
      'a.atom',
      enc(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Ministry</title><link href="https://mod.test/"/>
<entry><id>tag:mod.test,2024:7</id><title>Statement</title><link rel="alternate" href="https://mod.test/s/7"/>
<published>2024-10-28T10:30:00+01:00</published><updated>2024-10-29T00:00:00Z</updated><author><name>Press</name></author>
<summary>Short</summary></entry></feed>`),
    );
    expect(atom.items[0]).toEqual({
      id: 'tag:mod.test,2024:7',
      url: 'https://mod.test/s/7',
      title: 'Statement',
      published: '2024-10-28T09:30:00.000Z',
      author: 'Press',
      contentHtml: 'Short',
    });
    const json = readFeed(
      'f.json',
      enc(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'Wire',
          home_page_url: 'https://wire.test/',
          items: [
            {
              id: '9',
              url: 'stories/9',
              title: 'Nine',
              date_published: '2024-01-02T03:04:05Z',
              content_text: 'a\n\nb',
              authors: [{ name: 'W' }],
            },
          ],
        }),
      ),
    );
    expect(json.items[0]).toEqual({
      id: '9',
      url: 'https://wire.test/stories/9',
      title: 'Nine',
      published: '2024-01-02T03:04:05.000Z',
      author: 'W',
      contentHtml: '<p>a</p><p>b</p>',
    });
  });

  it('refuses malformed XML and non-feeds with the place of the fault', () => {
    expect(() =>
      readFeed('broken.rss', enc('<rss><channel><title>x</title>\n<item><title>y</item></channel></rss>')),
    ).toThrow(/broken\.rss: malformed feed XML at line 2, column \d+/);
    expect(() => readFeed('page.xml', enc('<html><body/></html>'))).toThrow(
      /page\.xml: XML, but not an RSS, RDF or Atom feed/,
    );
    expect(() => readFeed('x.json', enc('{"items":[]}'))).toThrow(/x\.json: JSON, but not a JSON Feed/);
    expect(() => readFeed('y.json', enc('{"items":'))).toThrow(/y\.json: malformed JSON Feed/);
  });
});
