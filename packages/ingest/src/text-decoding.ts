import { isUtf8 } from 'node:buffer';
import { InvalidInputError } from '@parallax/core';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `windows-1251`, `shift_jis`…). */
  encoding: string;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) return true;
  return false;
}

/** The encoding a label names, or an error naming the input and the label. */
function resolveLabel(name: string, label: string): string {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    throw new InvalidInputError(`${name}: declares the encoding '${label}', which Parallax does not know`);
  }
}

function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  // ASCII text in UTF-16 without a BOM: every other byte is zero.
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero > (n / 2) * 0.9 && evenZero === 0) return 'utf-16le';
  if (evenZero > (n / 2) * 0.9 && oddZero === 0) return 'utf-16be';
  return null;
}

/**
 * Decodes a document's bytes to text, honouring what the document says about itself: a byte-order
 * mark first, then the declared encoding (HTTP Content-Type, `<meta charset>`, XML declaration),
 * then UTF-8. Never guesses silently and never stores mojibake: bytes that do not decode under the
 * declared encoding, a declaration contradicted by the bytes (UTF-8 text labelled windows-1251),
 * and binary data posing as text are refused with a message naming the input.
 */
export function decodeText(name: string, bytes: Uint8Array, declared: string | null = null): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let encoding: string | null = null;
  let start = 0;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    start = 3;
  } else if (b0 === 0xff && b1 === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  }
  const declaredEncoding = declared ? resolveLabel(name, declared) : null;
  if (!encoding && declaredEncoding?.startsWith('utf-16')) encoding = declaredEncoding;
  if (!encoding) encoding = sniffUtf16(bytes);
  const body = bytes.subarray(start);

  if (!encoding?.startsWith('utf-16') && body.includes(0)) {
    throw new InvalidInputError(`${name}: looks like a binary file (contains NUL bytes), not text`);
  }
  if (!encoding) {
    if (declaredEncoding && declaredEncoding !== 'utf-8') {
      if (hasNonAscii(body) && isUtf8(body)) {
        throw new InvalidInputError(
          `${name}: declares ${declaredEncoding} but its bytes are UTF-8; the declaration is wrong (fix it or remove it)`,
        );
      }
      encoding = declaredEncoding;
    } else encoding = 'utf-8';
  }
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body), encoding };
  } catch {
    if (encoding === 'utf-8') {
      throw new InvalidInputError(
        declaredEncoding
          ? `${name}: declares UTF-8 but is not valid UTF-8 text`
          : `${name}: not valid UTF-8 text, and it declares no other encoding`,
      );
    }
    throw new InvalidInputError(
      `${name}: the bytes are not valid ${encoding}${declaredEncoding ? ' as declared' : ''}; is the declared encoding wrong?`,
    );
  }
}

/** The charset an HTML document declares in its first 4 KB (`<meta charset>` or http-equiv). */
export function htmlDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return (
    /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)["']/i.exec(head)?.[1] ??
    null
  );
}
