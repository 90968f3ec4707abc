import { buildDocument, InvalidInputError, type IsoDateTime } from '@parallax/core';
import { detectLanguage } from './language-detector.ts';
import { sourceForDocument } from './source-for-document.ts';
import type { RawInput, ReadResult } from './text-document-reader.ts';

/** Separates pages in a PDF document's text: a form feed, the plain-text page break. */
export const PAGE_BREAK = '\n\f\n';

/** PDF dates look like `D:20241028103000+01'00'`. */
function pdfDate(value: unknown): IsoDateTime | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString() as IsoDateTime;
  if (typeof value !== 'string') return null;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(value);
  if (!m) return null;
  const zone = m[7] === '+' || m[7] === '-' ? `${m[7]}${m[8] ?? '00'}:${m[9] ?? '00'}` : 'Z';
  const t = Date.parse(
    `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone}`,
  );
  return Number.isNaN(t) ? null : (new Date(t).toISOString() as IsoDateTime);
}

/**
 * Reads a PDF: the text of every page, pages separated by a form feed so page boundaries survive in
 * the stored text (and claim offsets can be turned into page numbers), plus title, author and
 * creation date from the document information. Encrypted, damaged and truncated files, and PDFs
 * with no text layer (scans), are refused with a message naming the file.
 */
export async function readPdfDocument(input: RawInput): Promise<ReadResult> {
  const head = Buffer.from(input.bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new InvalidInputError(`${input.name}: not a PDF file (no %PDF header)`);
  let pages: string[];
  let info: Record<string, unknown> = {};
  try {
    // Loaded on first use (it bundles pdf.js). pdf.js takes ownership of its buffer, so it gets a copy.
    const { extractText, getDocumentProxy, getMeta } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(input.bytes), { verbosity: 0 } as never);
    pages = (await extractText(pdf, { mergePages: false })).text;
    info = (await getMeta(pdf)).info ?? {};
    await pdf.destroy();
  } catch (error) {
    const e = error as Error & { name?: string };
    if (e.name === 'PasswordException' || /password/i.test(e.message)) {
      throw new InvalidInputError(`${input.name}: the PDF is encrypted (password-protected); Parallax cannot read it`);
    }
    throw new InvalidInputError(`${input.name}: damaged or truncated PDF (${e.message})`);
  }
  const cleaned = pages.map((p) => p.replace(/[ \t]+\n/g, '\n').trim());
  const text = cleaned.join(PAGE_BREAK).trim();
  if (cleaned.join('').trim().length < 20) {
    throw new InvalidInputError(
      `${input.name}: the PDF has no text layer (${pages.length} page(s) of images?); run OCR on it first`,
    );
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  // A PDF's Producer/Creator name software, not a publisher: the Source comes from where it was fetched.
  const source = sourceForDocument(null, input.url ?? null);
  const document = buildDocument({
    title: str(info.Title) ?? cleaned[0]?.split('\n', 1)[0]?.slice(0, 200) ?? input.name,
    text,
    retrieved: input.retrieved,
    url: input.url ?? null,
    author: str(info.Author),
    publisher: source?.name ?? null,
    published: pdfDate(info.CreationDate),
    language: detectLanguage(text),
    mediaType: 'application/pdf',
    sourceId: source?.id ?? null,
  });
  return { document, source, declaredOriginal: null };
}
