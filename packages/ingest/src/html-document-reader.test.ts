import { readFileSync } from 'node:fs';
import type { IsoDateTime } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { encodeLegacy } from '../test/legacy-encodings.ts';
import { readHtmlDocument } from './html-document-reader.ts';
import { decodeText } from './text-decoding.ts';

const retrieved = '2024-11-01T00:00:00.000Z' as IsoDateTime;
const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url));
const para = (s: string) => `<p>${s}</p>`;

/** A page with enough article text for Readability, in any language. */
function page(body: string, head = '', charsetMeta = '') {
  return `<!doctype html><html><head>${charsetMeta}<title>T</title>${head}</head><body><nav>Home - World</nav><article>${body}</article><footer>(c)</footer></body></html>`;
}

describe('readHtmlDocument', () => {
  it('takes the main text and metadata from JSON-LD, OpenGraph and meta, and the canonical URL', () => {
    const { document, source } = readHtmlDocument({
      name: 'wire-story.html',
      bytes: fixture('wire-story.html'),
      retrieved,
      url: 'https://www.northern-ledger.test/world/border-crossing-reopens?ref=feed',
    });
    expect(document).toMatchObject({
      title: 'Border crossing reopens after two days of talks',
      author: 'Ana Petrova',
      published: '2024-03-05T06:15:00.000Z',
      publisher: 'Northern Ledger',
      url: 'https://www.northern-ledger.test/world/border-crossing-reopens?utm=none',
      language: 'en-GB',
      mediaType: 'text/html',
    });
    expect(document.text).toMatch(/^VALMERA, March 5 \(Reuters\) - The main road crossing/);
    expect(document.text.split('\n\n')).toHaveLength(4);
    expect(document.text).not.toMatch(/Subscribe|Copyright|Sport/);
    expect(source).toMatchObject({ name: 'Northern Ledger', domain: 'northern-ledger.test' });
  });

  it('refuses a page with no main text, naming it', () => {
    expect(() => readHtmlDocument({ name: 'index-page.html', bytes: fixture('index-page.html'), retrieved })).toThrow(
      /index-page\.html: no main text found/,
    );
  });

  it('honours declared encodings: windows-1251, EUC-KR, Shift_JIS, UTF-16', () => {
    const ru = 'Министерство обороны сообщило, что колонна техники прошла через перевал ночью. '.repeat(4);
    const ko = '국방부는 어젯밤 장비 행렬이 고개를 넘었다고 밝혔다. 주민들은 큰 소리를 들었다고 말했다. '.repeat(4);
    const ja = '防衛省は昨夜、車両の列が峠を越えたと発表した。住民は大きな音を聞いたと話している。'.repeat(4);
    const cases: [string, Uint8Array, string, string][] = [
      ['ru.html', encodeLegacy(page(para(ru), '', '<meta charset="windows-1251">'), 'windows-1251'), ru, 'und-Cyrl'],
      [
        'ko.html',
        encodeLegacy(
          page(para(ko), '', '<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR">'),
          'euc-kr',
        ),
        ko,
        'ko',
      ],
      ['ja.html', encodeLegacy(page(para(ja), '', '<meta charset="Shift_JIS">'), 'shift_jis'), ja, 'ja'],
      ['utf16.html', new Uint8Array([0xff, 0xfe, ...Buffer.from(page(para(ru)), 'utf16le')]), ru, 'und-Cyrl'],
    ];
    for (const [name, bytes, text, language] of cases) {
      const { document } = readHtmlDocument({ name, bytes, retrieved });
      expect(document.text, name).toBe(text.trim());
      expect(document.language, name).toBe(language);
    }
    // An HTTP charset counts as a declaration too (here with no BOM and no meta).
    const be = Buffer.from(page(para(ru)), 'utf16le').swap16();
    expect(readHtmlDocument({ name: 'be.html', bytes: be, retrieved, charset: 'utf-16be' }).document.text).toBe(
      ru.trim(),
    );
  });

  it('refuses wrong declarations, invalid UTF-8 and binary data, naming the input', () => {
    const ru = 'Министерство обороны сообщило, что колонна прошла через перевал. '.repeat(5);
    const utf8Declared1251 = new TextEncoder().encode(page(para(ru), '', '<meta charset="windows-1251">'));
    expect(() => readHtmlDocument({ name: 'liar.html', bytes: utf8Declared1251, retrieved })).toThrow(
      /liar\.html: declares windows-1251 but its bytes are UTF-8/,
    );
    const cp1251AsSjis = encodeLegacy(page(para(ru), '', '<meta charset="shift_jis">'), 'windows-1251');
    expect(() => readHtmlDocument({ name: 'sjis.html', bytes: cp1251AsSjis, retrieved })).toThrow(
      /sjis\.html: the bytes are not valid shift_jis as declared/,
    );
    const latin1 = encodeLegacy(
      page(para('Le ministère a déclaré que la colonne était passée. '.repeat(6))),
      'windows-1252',
    );
    expect(() => readHtmlDocument({ name: 'latin1.html', bytes: latin1, retrieved })).toThrow(
      /latin1\.html: not valid UTF-8 text, and it declares no other encoding/,
    );
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(() => readHtmlDocument({ name: 'photo.html', bytes: png, retrieved })).toThrow(
      /photo\.html: looks like a binary file/,
    );
    expect(() => decodeText('x.txt', new Uint8Array([0x41]), 'klingon-8')).toThrow(
      /x\.txt: declares the encoding 'klingon-8'/,
    );
  });
});
