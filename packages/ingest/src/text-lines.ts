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
/** Bytes decoded to one string at most (see `pushLines`). */
const DECODE_PART = 512 * 1024;
/** A character of Latin-1-decoded text that came from a byte above 0x7F. */
const NON_ASCII = /[\u0080-\u00ff]/g;

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

  /** The lines of buf[from, to) (valid UTF-8, to at a line end or the end) onto the batch. */
  const pushLines = (batch: LineBatch, buf: Buffer, from: number, to: number) => {
    const text = buf.toString('latin1', from, to);
    NON_ASCII.lastIndex = 0;
    let high = NON_ASCII.exec(text)?.index ?? -1;
    let start = 0;
    for (;;) {
      let end = text.indexOf('\n', start);
      // The range always ends where a line ends, so the last segment is a line even when empty.
      const last = end === -1;
      if (last) end = text.length;
      let line: string;
      if (high !== -1 && high < end) {
        line = buf.toString('utf8', from + start, from + end);
        NON_ASCII.lastIndex = end;
        high = NON_ASCII.exec(text)?.index ?? -1;
      } else line = text.slice(start, end);
      if (first && batch.lines.length === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      batch.lines.push(stripCr(line));
      if (last) break;
      start = end + 1;
    }
  };

  const decodeLines = (bytes: Uint8Array): LineBatch => {
    const batch: LineBatch = { lines: [], firstLine: lineNo, invalid: [] };
    // isUtf8 (simdutf) checks the bytes; then they are decoded as Latin-1, a plain copy many times
    // faster than UTF-8 decoding, which gives the right text for every line that is pure ASCII (most
    // lines of a dataset file). Lines holding a byte above 0x7F are decoded again as UTF-8. In the
    // Latin-1 text a character's index is its byte's offset, so a line's bytes are its span.
    if (isUtf8(bytes)) {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // Decoded in parts of at most ~512 KiB cut at line ends: Node makes a longer decoded string
      // an external string, which V8 slices and searches several times slower.
      let from = 0;
      for (;;) {
        let to = buf.length;
        if (to - from > DECODE_PART) {
          to = buf.lastIndexOf(NEWLINE, from + DECODE_PART);
          if (to < from) to = buf.indexOf(NEWLINE, from + DECODE_PART);
          if (to === -1) to = buf.length;
        }
        pushLines(batch, buf, from, to);
        if (to === buf.length) break;
        from = to + 1;
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
