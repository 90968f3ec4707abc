/**
 * Reads PETRARCH validation record files (PETR.UnitTest.records.xml, PETR2_GSR_validation.xml):
 * each `<Sentence>` with its date, its `<Text>` and the `<EventCoding>` lines expected. The parse
 * trees in the files are ignored: the suites run from the raw text.
 */

export interface ExpectedCoding {
  source: string;
  target: string;
  code: string;
}

export interface ValidationRecord {
  id: string;
  /** `YYYYMMDD` as in the file. */
  date: string;
  category: string;
  text: string;
  codings: ExpectedCoding[];
  /** `noevents="True"`: nothing should be coded. */
  noEvents: boolean;
  /** `error="…"`: the record tests an input error, not coding. */
  error: string | null;
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)) out[m[1] as string] = m[2] as string;
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function readValidationRecords(xml: string): ValidationRecord[] {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  const parts = text.split(/<Sentence\s/).slice(1);
  const out: ValidationRecord[] = [];
  for (const part of parts) {
    const a = attrs(part.slice(0, part.indexOf('>')));
    const body = part.split(/<Sentence\s|<\/Sentences>/)[0] ?? part;
    const m = /<Text>([\s\S]*?)<\/Text>/.exec(body);
    const codings: ExpectedCoding[] = [];
    let noEvents = false;
    let error: string | null = null;
    for (const c of body.matchAll(/<EventCoding\s([^>]*)>/g)) {
      const ca = attrs(c[1] as string);
      if (ca.noevents) noEvents = true;
      else if (ca.error) error = ca.error;
      else if (ca.eventcode !== undefined) {
        codings.push({ source: ca.sourcecode ?? '', target: ca.targetcode ?? '', code: ca.eventcode });
      }
    }
    out.push({
      id: a.id ?? '',
      date: a.date ?? '',
      category: a.category ?? '',
      text: unescapeXml((m?.[1] ?? '').replace(/\s+/g, ' ').trim()),
      codings,
      noEvents,
      error,
    });
  }
  return out;
}

/** `19950101` → `1995-01-01`; the GSR file's `121108` (YYMMDD) → `2012-11-08`. */
export function recordDate(raw: string): string | null {
  const d = raw.trim();
  if (/^\d{8}$/.test(d)) return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  if (/^\d{6}$/.test(d)) {
    const yy = Number(d.slice(0, 2));
    return `${yy <= 30 ? 2000 + yy : 1900 + yy}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
  }
  return null;
}
