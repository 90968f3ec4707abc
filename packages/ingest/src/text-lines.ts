import { isAscii, isUtf8 } from 'node:buffer';
import { InvalidInputError } from '@parallax/core';

/** A run of complete lines decoded from a byte stream. */
export interface LineBatch {
  /** The lines, without their `\n` (a trailing `\r` is removed too). */
  lines: string[];
  /** 1-based line number of `lines[0]` in the whole input. */
  firstLine: number;
  /** Lines in this batch that were not valid UTF-8: reported, not decoded. */
  invalid: { line: number; reason: string }[];
  /** The bytes the lines were decoded from. */
  bytes: Uint8Array;
  /**
   * Line i's bytes are `bytes[spans[2i], spans[2i+1])`: without its `\n`, a trailing `\r` or the
   * file's BOM, so they are exactly the UTF-8 of `lines[i]` (for a valid line). A reader can hash
   * lines from these instead of encoding their text again.
   */
  spans: number[];
}

const NEWLINE = 10;
/** Bytes decoded to one string at most (see `pushLines`). */
const DECODE_PART = 96 * 1024;
/** Bytes checked for non-ASCII at a time: most blocks of a dataset file are pure ASCII. */
const ASCII_BLOCK = 2048;
const BOM = [0xef, 0xbb, 0xbf] as const;

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
  // ignoreBOM: a line's text is its bytes decoded; only the file's own BOM (line 1) is dropped, below.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Uint8Array | null = null;
  let lineNo = 1;
  let first = true;

  /** Line 1 starting with a BOM: the BOM is not part of the text. */
  const bomAt = (batch: LineBatch, bytes: Uint8Array, start: number) =>
    first &&
    batch.lines.length === 0 &&
    bytes[start] === BOM[0] &&
    bytes[start + 1] === BOM[1] &&
    bytes[start + 2] === BOM[2];

  const pushLine = (batch: LineBatch, line: string, start: number, end: number) => {
    let from = start;
    let to = end;
    if (bomAt(batch, batch.bytes, start)) {
      line = line.slice(1);
      from += 3;
    }
    if (line.charCodeAt(line.length - 1) === 13) {
      line = line.slice(0, -1);
      to--;
    }
    batch.lines.push(line);
    batch.spans.push(from, to);
  };

  /** The lines of buf[from, to) (valid UTF-8, to at a line end or the end) onto the batch. */
  const pushLines = (batch: LineBatch, buf: Buffer, from: number, to: number) => {
    const text = buf.toString('latin1', from, to);
    const length = text.length;
    // text[0, plain) holds no byte above 0x7F that a line still to come could contain. Checked a
    // block at a time (simdutf), so a pure-ASCII stretch costs no per-line work.
    let plain = 0;
    let start = 0;
    for (;;) {
      let end = text.indexOf('\n', start);
      // The range always ends where a line ends, so the last segment is a line even when empty.
      const last = end === -1;
      if (last) end = length;
      while (plain < end) {
        const blockEnd = Math.min(plain + ASCII_BLOCK, length);
        if (!isAscii(buf.subarray(from + plain, from + blockEnd))) break;
        plain = blockEnd;
      }
      let line: string;
      if (plain >= end || isAscii(buf.subarray(from + start, from + end))) line = text.slice(start, end);
      else line = buf.toString('utf8', from + start, from + end);
      if (plain < end) plain = end;
      pushLine(batch, line, from + start, from + end);
      if (last) break;
      start = end + 1;
    }
  };

  const decodeLines = (bytes: Uint8Array): LineBatch => {
    const batch: LineBatch = { lines: [], firstLine: lineNo, invalid: [], bytes, spans: [] };
    // isUtf8 (simdutf) checks the bytes; then they are decoded as Latin-1, a plain copy many times
    // faster than UTF-8 decoding, which gives the right text for every line that is pure ASCII (most
    // lines of a dataset file). Lines holding a byte above 0x7F are decoded again as UTF-8. In the
    // Latin-1 text a character's index is its byte's offset, so a line's bytes are its span.
    if (isUtf8(bytes)) {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // Decoded in parts of at most ~96 KiB cut at line ends: below V8's large-object size (128 KiB),
      // a part is allocated in the young generation rather than on freshly mapped pages of its own
      // (page faults were a tenth of the import's time), and far below the ~1 MB past which Node
      // makes an external string, which V8 slices and searches several times slower.
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
          pushLine(batch, decoder.decode(bytes.subarray(start, end)), start, end);
        } catch {
          batch.lines.push('');
          batch.spans.push(start, start);
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
