import { isUtf8 } from 'node:buffer';
import { InvalidInputError } from '@parallax/core';

/** A run of complete lines decoded from a byte stream. */
export interface LineBatch {
  /** The lines, without their `\n` (a trailing `\r` is removed too). */
  lines: string[];
  /** 1-based line number of `lines[0]` in the whole input. */
  firstLine: number;
  /** Lines in this batch that were not valid UTF-8: reported, not decoded. */
  invalid: { line: number; reason: string }[];
}

const NEWLINE = 10;

/**
 * Splits a byte stream into lines, decoding strict UTF-8 a whole buffer of lines at a time (one
 * native call per megabyte, not per line). A buffer that fails to decode is decoded again line by
 * line, so a single bad line is reported by its number and every other line is kept. Memory stays
 * bounded by the size of one buffer plus the longest line; a line longer than `maxLineBytes` is an
 * error rather than a reason to keep buffering.
 */
export async function* textLines(
  input: AsyncIterable<Uint8Array>,
  options: { name: string; maxLineBytes?: number } = { name: 'input' },
): AsyncGenerator<LineBatch> {
  const maxLine = options.maxLineBytes ?? 1 << 20;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry: Uint8Array | null = null;
  let lineNo = 1;
  let first = true;

  const decodeLines = (bytes: Uint8Array): LineBatch => {
    const batch: LineBatch = { lines: [], firstLine: lineNo, invalid: [] };
    // isUtf8 (simdutf) plus toString is several times faster than a fatal TextDecoder.
    let text: string | null = isUtf8(bytes)
      ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
      : null;
    if (text !== null) {
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let start = 0;
      for (;;) {
        const end = text.indexOf('\n', start);
        if (end === -1) {
          // The range always ends where a line ends, so the last segment is a line even when empty.
          batch.lines.push(stripCr(text.slice(start)));
          break;
        }
        batch.lines.push(stripCr(text.slice(start, end)));
        start = end + 1;
      }
    } else {
      let start = 0;
      for (;;) {
        let end = bytes.indexOf(NEWLINE, start);
        const last = end === -1;
        if (last) end = bytes.length;
        const n = batch.firstLine + batch.lines.length;
        try {
          batch.lines.push(stripCr(decoder.decode(bytes.subarray(start, end))));
        } catch {
          batch.lines.push('');
          batch.invalid.push({ line: n, reason: 'not valid UTF-8' });
        }
        if (last) break;
        start = end + 1;
      }
    }
    first = false;
    lineNo += batch.lines.length;
    return batch;
  };

  const tooLong = () =>
    new InvalidInputError(
      `${options.name}: line ${lineNo} is longer than ${maxLine} bytes with no line break; is this the right file?`,
    );
  for await (const chunk of input) {
    let bytes: Uint8Array = chunk;
    if (carry) {
      // Only the carried line is joined with the head of the next piece: copying whole pieces to
      // prepend a few hundred bytes would copy every byte of the file once more.
      const nl = bytes.indexOf(NEWLINE);
      if (nl === -1) {
        carry = concat(carry, bytes);
        if (carry.length > maxLine) throw tooLong();
        continue;
      }
      yield decodeLines(concat(carry, bytes.subarray(0, nl)));
      carry = null;
      bytes = bytes.subarray(nl + 1);
    }
    const cut = bytes.lastIndexOf(NEWLINE);
    if (cut === -1) {
      if (bytes.length > maxLine) throw tooLong();
      carry = bytes.slice();
      continue;
    }
    // Lines end at the newline; the byte range excludes the final \n so no empty line appears.
    yield decodeLines(bytes.subarray(0, cut));
    carry = cut + 1 < bytes.length ? bytes.slice(cut + 1) : null;
  }
  if (carry?.length) yield decodeLines(carry);
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
