import type { IsoDateTime } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detector.ts';
import { readTextDocument } from './text-document-reader.ts';

const retrieved = '2024-11-01T00:00:00.000Z' as IsoDateTime;
const md = (text: string) => ({ name: 'note.md', bytes: new TextEncoder().encode(text), retrieved });

describe('readTextDocument', () => {
  it('takes metadata from front matter and keeps the body verbatim', () => {
    const { document, source } = readTextDocument(
      md(
        '---\ntitle: Alliance confirms deployment\npublisher: Example Wire\nurl: https://www.example-wire.test/a/1\npublished: 2024-10-28T10:30:00+01:00\nauthor: J. Doe\n---\n\nThe alliance said on Monday that troops had moved.\n',
      ),
      'text/markdown',
    );
    expect(document).toMatchObject({
      title: 'Alliance confirms deployment',
      publisher: 'Example Wire',
      url: 'https://www.example-wire.test/a/1',
      published: '2024-10-28T09:30:00.000Z',
      author: 'J. Doe',
      language: 'en',
      mediaType: 'text/markdown',
      text: 'The alliance said on Monday that troops had moved.',
    });
    expect(source).toMatchObject({ domain: 'example-wire.test', name: 'Example Wire', reliability: 'F' });
    expect(document.sourceId).toBe(source?.id);
  });

  it('falls back to the first heading for a title and gives stable ids', () => {
    const a = readTextDocument(md('# Heading here\n\nSome text of the note.'), 'text/markdown');
    const b = readTextDocument(md('# Heading here\n\nSome text of the note.'), 'text/markdown');
    expect(a.document.title).toBe('Heading here');
    expect(a.document.id).toBe(b.document.id);
  });

  it('names the file and the problem for bad input', () => {
    expect(() => readTextDocument(md('---\ntitle: [unclosed\n---\nbody'), 'text/markdown')).toThrow(
      /note\.md: front matter is not valid YAML/,
    );
    expect(() => readTextDocument(md('---\npublised: 2024-01-01\n---\nbody'), 'text/markdown')).toThrow(
      /note\.md: front matter: unknown field: publised/,
    );
    expect(() => readTextDocument(md('---\npublished: yesterday-ish\n---\nbody'), 'text/markdown')).toThrow(
      /note\.md: front matter: published: 'yesterday-ish' is not a date/,
    );
    expect(() => readTextDocument(md('---\ntitle: x\n---\n   \n'), 'text/markdown')).toThrow(
      /note\.md: the document has no text/,
    );
    expect(() =>
      readTextDocument(
        { name: 'photo.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), retrieved },
        'text/plain',
      ),
    ).toThrow(/photo\.txt: looks like a binary file/);
    expect(() =>
      readTextDocument(
        { name: 'latin1.txt', bytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20]), retrieved },
        'text/plain',
      ),
    ).toThrow(/latin1\.txt: not valid UTF-8 text/);
  });
});

describe('detectLanguage', () => {
  it('tells English from other scripts and languages', () => {
    expect(detectLanguage('The minister said that the troops were moved to the border on Friday.')).toBe('en');
    expect(detectLanguage('Министр заявил, что войска были переброшены к границе.')).toBe('und-Cyrl');
    expect(detectLanguage('국가정보원은 북한군이 파병되었다고 밝혔다.')).toBe('ko');
    expect(detectLanguage('Le ministre a déclaré que les troupes avaient été déplacées.')).toBe('und-Latn');
    expect(detectLanguage('12345 !!!')).toBe('und');
  });
});
