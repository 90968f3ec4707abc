import type { IsoDateTime } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../test/pdf-fixture.ts';
import { PAGE_BREAK, readPdfDocument } from './pdf-document-reader.ts';

const retrieved = '2024-11-01T00:00:00.000Z' as IsoDateTime;

describe('readPdfDocument', () => {
  it('keeps page boundaries and reads the document information', async () => {
    const bytes = makePdf(
      ['The ministry said on Monday that the column', 'had crossed the pass.\nResidents heard engines.', 'Third page.'],
      { title: 'Statement on the pass', author: 'Press Office', created: "D:20241028103000+01'00'" },
    );
    const { document } = await readPdfDocument({
      name: 'statement.pdf',
      bytes,
      retrieved,
      url: 'https://mod.example.test/s.pdf',
    });
    expect(document.text.split(PAGE_BREAK)).toEqual([
      'The ministry said on Monday that the column',
      'had crossed the pass.\nResidents heard engines.',
      'Third page.',
    ]);
    expect(document).toMatchObject({
      title: 'Statement on the pass',
      author: 'Press Office',
      published: '2024-10-28T09:30:00.000Z',
      mediaType: 'application/pdf',
      url: 'https://mod.example.test/s.pdf',
      language: 'en',
    });
  });

  it('refuses truncated, encrypted, image-only and fake PDFs, naming the file', async () => {
    const good = makePdf(['A statement long enough to be read as text.']);
    const read = (name: string, bytes: Uint8Array) => readPdfDocument({ name, bytes, retrieved });
    await expect(read('cut.pdf', good.slice(0, Math.floor(good.length / 3)))).rejects.toThrow(
      /cut\.pdf: damaged or truncated PDF/,
    );
    await expect(read('locked.pdf', makePdf(['Secret text of the statement.'], { encrypted: true }))).rejects.toThrow(
      /locked\.pdf: the PDF is encrypted/,
    );
    await expect(read('scan.pdf', makePdf(['']))).rejects.toThrow(/scan\.pdf: the PDF has no text layer/);
    await expect(read('fake.pdf', new TextEncoder().encode('just words'))).rejects.toThrow(/fake\.pdf: not a PDF file/);
  });
});
