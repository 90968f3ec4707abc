import { textLines } from './text-lines.ts';

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
  /** The record exactly as written (several lines when a quoted field holds line breaks). */
  raw: string;
}

export interface CsvProblem {
  line: number;
  reason: string;
}

/** Most lines one quoted field may span before the record is taken to be broken. */
const MAX_RECORD_LINES = 50;

/** Parses one record from `text`; null when a quote is still open at the end. */
function parseFields(text: string): string[] | 'open' | 'stray' {
  const out: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let started = true;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',') return 'stray';
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      out.push(field);
      field = '';
      started = true;
      i++;
      continue;
    }
    if (c === '"' && started && field === '') {
      quoted = true;
      started = false;
      i++;
      continue;
    }
    started = false;
    field += c;
    i++;
  }
  if (quoted) return 'open';
  out.push(field);
  return out;
}

/**
 * Streams RFC 4180 CSV (comma-separated, `"` quoting, quoted fields may span lines) with a header
 * row. A record with the wrong number of fields, or a quote that never closes, is reported by its
 * line number and parsing resumes on the next line, so one broken row never takes the rest of the
 * file with it.
 */
export async function* csvRecords(
  input: AsyncIterable<Uint8Array>,
  name: string,
  onHeader: (header: string[]) => void,
): AsyncGenerator<CsvRecord | CsvProblem> {
  let header: string[] | null = null;
  let pending: { line: number; text: string }[] = [];
  // A queue read from `head`, compacted now and then: shifting a long array per record is quadratic.
  let head = 0;

  function* drain(final: boolean): Generator<CsvRecord | CsvProblem> {
    while (head < pending.length && (final || pending.length - head > MAX_RECORD_LINES)) {
      const first = pending[head] as { line: number; text: string };
      if (!first.text.trim() && header) {
        head++;
        continue;
      }
      let text = first.text;
      let used = 1;
      let parsed = parseFields(text);
      while (parsed === 'open' && head + used < pending.length && used < MAX_RECORD_LINES) {
        text += `\n${(pending[head + used] as { text: string }).text}`;
        used++;
        parsed = parseFields(text);
      }
      if (parsed === 'open' || parsed === 'stray') {
        head++;
        yield {
          line: first.line,
          reason: parsed === 'open' ? 'a quoted field is never closed' : 'text after a closing quote',
        };
        continue;
      }
      head += used;
      if (!header) {
        header = parsed.map((h) => h.trim());
        onHeader(header);
        continue;
      }
      if (parsed.length !== header.length) {
        yield { line: first.line, reason: `expected ${header.length} columns, found ${parsed.length}` };
        continue;
      }
      yield { line: first.line, fields: parsed, raw: text };
    }
    if (head > 4096) {
      pending = pending.slice(head);
      head = 0;
    }
  }

  for await (const batch of textLines(input, { name })) {
    const invalid = new Set(batch.invalid.map((r) => r.line));
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.firstLine + i;
      if (invalid.has(line)) {
        yield* drain(true);
        yield { line, reason: 'not valid UTF-8' };
        continue;
      }
      pending.push({ line, text: batch.lines[i] as string });
    }
    yield* drain(false);
  }
  yield* drain(true);
}
