/**
 * Dates in a sentence, resolved with chrono-node against the document's date and kept at the
 * precision the text gives: "on Friday" is a day (the Friday before the document, news being
 * about the past), "in October" a month, "in 2023" a year, "from 1 to 3 November" a range.
 */
import type { IsoDate, TimeSpan } from '@parallax/core';
import { spanFor } from '@parallax/core';
import * as chrono from 'chrono-node';

export interface TimeMention {
  /** Offsets into the document text. */
  start: number;
  end: number;
  text: string;
  span: TimeSpan;
}

/**
 * Cheap pre-check: chrono (the costliest step per sentence) only sees sentences with a date word —
 * a weekday, a month, a relative day, "ago", "last/next/this week", a year or a numeric date. A
 * bare number ("1,500 troops") is not a date.
 */
const DATE_HINT =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?)(?!\w)|\b(?:today|yesterday|tomorrow|tonight|overnight|ago|weekend|fortnight)\b|\b(?:last|next|this|past|previous|coming)\s+(?:week|month|year|day|night|morning|evening|\w+day)\b|\b(?:19|20)\d\d-\d\d-\d\d\b|\b(?:19|20)\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/i;

const YEAR_ONLY = /\b(?:in|since|during|by|until|through|throughout|early|late|mid-?)\s+((?:19|20)\d\d)\b/gi;
const FUTURE =
  /\b(?:will|shall|'ll|going to|plans? to|next|tomorrow|upcoming|scheduled|set (?:for|to)|due (?:on|in|to)|expected (?:on|in|to))\b/i;
const MS_DAY = 86_400_000;

const HINTS = new RegExp(DATE_HINT.source, 'gi');
const HINT_ONE = new RegExp(DATE_HINT.source, 'i');

/** Windows of the sentence around each date word, widened to word boundaries and merged. */
function hintWindows(text: string): [number, number][] {
  const out: [number, number][] = [];
  // exec on the shared pattern: matchAll would build a copy of it per sentence.
  HINTS.lastIndex = 0;
  for (let m = HINTS.exec(text); m !== null; m = HINTS.exec(text)) {
    // A year on its own ("the 1994 genocide", "in 2023") is read without chrono (YEAR_ONLY); "may"
    // and "march" in lower case are a modal and a verb.
    if (/^(?:19|20)\d\d$/.test(m[0]) || m[0] === 'may' || m[0] === 'march') continue;
    let from = Math.max(0, (m.index ?? 0) - 32);
    let to = Math.min(text.length, (m.index ?? 0) + m[0].length + 40);
    while (from > 0 && /\S/.test(text[from - 1] as string)) from--;
    while (to < text.length && /\S/.test(text[to] as string)) to++;
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** Another date word besides the one read ("may" and "march" in lower case are not months). */
const otherDate = (rest: string) => HINT_ONE.test(rest.replace(/\b(?:may|march)\b/g, ''));

const iso = (d: Date): IsoDate => d.toISOString().slice(0, 10) as IsoDate;

const WEEKDAY_NUMBER: Record<string, number> = Object.assign(Object.create(null), {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
});
/**
 * The commonest dates in news — "on Friday", "late Sunday", "yesterday" — alone in their window
 * are read directly; chrono (a tenth of the extraction's time) reads everything else.
 */
const SIMPLE_DAY =
  /\b(?:on\s+)?(?:(?:early|late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?\b|\b(today|yesterday|tonight)\b/gi;
const NOT_SIMPLE =
  /\b\d{1,2}(?:st|nd|rd|th)?\b(?![,.]\d)|\d:\d\d|\b(?:weeks?|weekend|days?|months?|years?|ago|after|before|later|earlier)\b/i;
/**
 * Words that tie a date to another into a range or make it relative ("from … to", "last Monday",
 * "Monday to Friday"): only right next to the date do they change what it means — "on Tuesday to
 * discuss" is a plain Tuesday.
 */
const JOINED_BEFORE =
  /(?:\b(?:last|next|this|past|previous|coming|from|between|until|till|through|to|and|or|every|each)|[-–])\s*$/i;
const JOINED_AFTER = /^\s*(?:\b(?:until|till|through|next|last|week)\b|[-–])/i;
/**
 * "to", "and", "or" after a date join it to what follows only when a date or time follows ("Monday to
 * Fri", "October to 5 November"); "on Friday to a question", "in December and suffered" are plain.
 * Date words elsewhere in the window already send it to chrono; this catches what the hints miss.
 */
const WEAK_JOIN_AFTER = /^\s*(?:to|and|or)\b\s*([^\s,;:]*)/i;
/**
 * Words chrono reads as dates or times that the date hints do not flag (abbreviated weekdays,
 * "noon", "now"), and "may" and "march" in any case: a window holding any of them is left to chrono.
 */
const OTHER_TIME =
  /\b(?:now|noon|midnight|morning|afternoon|evening|night|tonight|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|may|march|sept?)\b/i;
function joined(piece: string, start: number, end: number, weakOk = false): boolean {
  if (JOINED_BEFORE.test(piece.slice(Math.max(0, start - 12), start))) return true;
  const after = piece.slice(end, end + 24);
  if (JOINED_AFTER.test(after)) return true;
  const weak = WEAK_JOIN_AFTER.exec(after);
  if (weak && !weakOk) return true;
  if (!weak) return false;
  const next = weak[1] ?? '';
  return next === '' || /\d/.test(next) || OTHER_TIME.test(next) || HINT_ONE.test(next);
}

const MONTH_NUMBER: Record<string, number> = Object.assign(Object.create(null), {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
});
const MONTH_WORD =
  '(january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?)';
const WEEKDAY_WORD = '(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?';
/** "19 June 2024", "Monday, 28 October 2024", "on 4 November". */
const DAY_MONTH = new RegExp(
  `\\b(?:on\\s+)?${WEEKDAY_WORD}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_WORD}(?:,?\\s+((?:19|20)\\d\\d))?(?![\\w-])`,
  'gi',
);
/** "October 23, 2024", "Oct. 23". */
const MONTH_DAY = new RegExp(
  `\\b(?:on\\s+)?${WEEKDAY_WORD}${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s*((?:19|20)\\d\\d))?(?![\\w-])`,
  'gi',
);
/** "in June", "in March 2024", "since August". */
const MONTH_ALONE = new RegExp(
  `\\b(?:(?:in|since|during|until|till|by|of)\\s+)${MONTH_WORD}(?:,?\\s+((?:19|20)\\d\\d))?(?![\\w-])`,
  'gi',
);
/** "in mid-November", "by late October 2024": chrono reads the month (and year) and leaves the part of it. */
const MONTH_PART = new RegExp(
  `\\b(?:(?:in|since|during|until|till|by|of)\\s+)?(?:early|mid|late)(?:-|\\s+)${MONTH_WORD}(?:,?\\s+((?:19|20)\\d\\d))?(?![\\w-])`,
  'gi',
);
const FULL_MONTHS = new Set(
  'january february march april june july august september october november december'.split(' '),
);
/** What makes a window more than one plain date: ranges, times, relative words, other numbers. */
const NOT_PLAIN =
  /\b\d{1,2}(?:st|nd|rd|th)?\b(?![,.]\d)|\d:\d\d|\b(?:end|beginning|start|mid|early|late|earlier|later|ago|noon|midnight|morning|afternoon|evening|night|today|yesterday|tomorrow|tonight|[ap]\.?m\.?|gmt|utc)\b/i;

/** The year nearest the reference date for a day and month given without one, as chrono picks it. */
function nearestYear(reference: Date, month: number, day: number, future: boolean): number {
  const y = reference.getUTCFullYear();
  let best = y;
  let gap = Number.POSITIVE_INFINITY;
  for (const c of [y - 1, y, y + 1]) {
    const d = Math.abs(Date.UTC(c, month - 1, day) - reference.getTime());
    if (d < gap) {
      gap = d;
      best = c;
    }
  }
  return future ? best : pastYear(reference, best, month, day);
}

/**
 * News reports the past: a date with no year that lands more than a month after the document's
 * date, in a sentence that does not speak of the future, is the year before ("were deployed in May"
 * in a November report is last May, not next).
 */
function pastYear(reference: Date, year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) > reference.getTime() + AHEAD_MS ? year - 1 : year;
}
const AHEAD_MS = 31 * 24 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');
/** "since" right before a date, perhaps with a part of the month between ("since early October"). */
const SINCE_BEFORE = /\bsince\s+(?:(?:early|mid|late)(?:-|\s+))?$/i;

export class TimeResolver {
  private readonly parser = chrono.en.GB.clone();

  /** Time mentions in `text` (a sentence starting at document offset `offset`). */
  resolve(text: string, offset: number, reference: Date): TimeMention[] {
    const out: TimeMention[] = [];
    // chrono's cost grows with the text it scans: give it only the stretches around date words.
    for (const [from, to] of hintWindows(text)) {
      const piece = text.slice(from, to);
      const simple =
        this.simpleDay(piece, text, reference) ?? plainDate(piece, reference, text) ?? relativeWeek(piece, reference);
      if (simple) {
        out.push({ ...simple, start: offset + from + simple.start, end: offset + from + simple.end });
        continue;
      }
      for (const r of this.parser.parse(piece, { instant: reference, timezone: 0 })) {
        const at = from + r.index;
        if (out.some((o) => o.start - offset <= at && at < o.end - offset)) continue;
        const span = this.toSpan(r, text, reference);
        if (span) out.push({ start: offset + at, end: offset + at + r.text.length, text: r.text, span });
      }
    }
    // A year is "19" or "20" and two digits: most sentences have neither and skip the pattern.
    const years = text.includes('19') || text.includes('20');
    YEAR_ONLY.lastIndex = 0;
    for (let m = years ? YEAR_ONLY.exec(text) : null; m !== null; m = YEAR_ONLY.exec(text)) {
      const at = (m.index ?? 0) + m[0].length - (m[1] as string).length;
      if (out.some((o) => o.start - offset <= at && at < o.end - offset)) continue;
      out.push({
        start: offset + at,
        end: offset + at + 4,
        text: m[1] as string,
        span: spanFor(`${m[1]}-01-01` as IsoDate, 'year'),
      });
    }
    if (out.length === 0) return out;
    // "killed since 2022", "deployed since October": the time runs from that date to the report's.
    const today = iso(reference);
    for (const m of out) {
      const before = text.slice(Math.max(0, m.start - offset - 16), m.start - offset);
      if (m.span.precision === 'range' || m.span.start > today) continue;
      if (!SINCE_BEFORE.test(before) && !/^since\b/i.test(m.text)) continue;
      m.span = { start: m.span.start, end: today, precision: 'range' };
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /**
   * A window whose only date is a weekday or "today/yesterday/tonight". A weekday is the last such
   * day up to the document's date (news reports the past) unless the sentence speaks of the future,
   * then the nearest one (as chrono reads it); either way the document's own weekday is that day.
   */
  private simpleDay(piece: string, sentence: string, reference: Date): Omit<TimeMention, never> | null {
    SIMPLE_DAY.lastIndex = 0;
    const m = SIMPLE_DAY.exec(piece);
    if (!m || SIMPLE_DAY.exec(piece)) return null;
    const rest = piece.slice(0, m.index) + piece.slice(m.index + m[0].length);
    if (NOT_SIMPLE.test(m[0]) || NOT_SIMPLE.test(rest) || otherDate(rest)) return null;
    // chrono leaves "late"/"early" out of the date it reads before "to"/"and" ("late Sunday to …").
    if (joined(piece, m.index, m.index + m[0].length, !/^(?:on\s+)?(?:early|late)\b/i.test(m[0]))) return null;
    const today = Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate());
    let day: number;
    if (m[2]) {
      day = m[2].toLowerCase() === 'yesterday' ? today - MS_DAY : today;
    } else {
      const want = WEEKDAY_NUMBER[(m[1] as string).toLowerCase()] as number;
      const have = new Date(today).getUTCDay();
      const ahead = (want - have + 7) % 7;
      // The nearest such day when the sentence speaks of the future; otherwise the last one.
      day = FUTURE.test(sentence)
        ? today + (ahead > 3 ? ahead - 7 : ahead) * MS_DAY
        : today - ((7 - ahead) % 7) * MS_DAY;
    }
    return { start: m.index, end: m.index + m[0].length, text: m[0], span: spanFor(iso(new Date(day)), 'day') };
  }

  private toSpan(r: chrono.ParsedResult, sentence: string, reference: Date): TimeSpan | null {
    const known = (c: chrono.Component) => r.start.isCertain(c);
    let start = r.start.date();
    if (Number.isNaN(start.getTime())) return null;
    // Bare numbers ("2,000 troops", "the 9") are not dates.
    if (
      !known('day') &&
      !known('month') &&
      !known('weekday') &&
      !known('year') &&
      !/week|ago|today|yesterday|tomorrow|tonight/i.test(r.text)
    )
      return null;
    // chrono reads "on Friday" as this week's Friday even when that is still ahead; news reports
    // the past, so a weekday alone means the last such day unless the sentence speaks of the future.
    // "protesters march", "troops may move": a month word alone in lower case is no date.
    if (!known('day') && !known('year') && !known('weekday') && /^[a-z]+$/.test(r.text)) return null;
    if (known('weekday') && !known('day') && start.getTime() > reference.getTime() && !FUTURE.test(sentence)) {
      start = new Date(start.getTime() - 7 * MS_DAY);
    }
    if (known('month') && !known('year') && !FUTURE.test(sentence)) {
      const y = start.getUTCFullYear();
      const back = pastYear(reference, y, start.getUTCMonth() + 1, start.getUTCDate());
      if (back !== y) start = new Date(Date.UTC(back, start.getUTCMonth(), start.getUTCDate(), start.getUTCHours()));
    }
    if (r.end) {
      const end = r.end.date();
      if (!Number.isNaN(end.getTime()) && iso(end) !== iso(start)) {
        const [a, b] = iso(start) <= iso(end) ? [iso(start), iso(end)] : [iso(end), iso(start)];
        return { start: a, end: b, precision: 'range' };
      }
    }
    const day = iso(start);
    if (/\bweek\b/i.test(r.text)) return spanFor(day, 'week');
    if (known('day') || known('weekday') || /today|yesterday|tomorrow|tonight|ago/i.test(r.text)) {
      if (known('hour') && /\d\s*(?:a\.?m\.?|p\.?m\.?|:\d\d|h\b|GMT|UTC)/i.test(r.text)) {
        return { start: day, end: day, precision: 'hour', hour: start.getUTCHours() };
      }
      return spanFor(day, 'day');
    }
    if (known('month')) return spanFor(day, 'month');
    if (known('year')) return spanFor(day, 'year');
    return null;
  }
}

/** "last week", "this week": a week counted from the document's date, as chrono reads it. */
const RELATIVE_WEEK = /\b(last|past|next|this)\s+week\b/gi;

/**
 * A window whose only date is "last/past/next/this week", read without chrono: last and past week
 * are the day a week before the document's date, next week the day a week after, this week the
 * Sunday it began on — each a week-long span, as chrono's reading gives through `toSpan`.
 */
function relativeWeek(piece: string, reference: Date): TimeMention | null {
  RELATIVE_WEEK.lastIndex = 0;
  const m = RELATIVE_WEEK.exec(piece);
  if (!m || RELATIVE_WEEK.exec(piece)) return null;
  const rest = piece.slice(0, m.index) + piece.slice(m.index + m[0].length);
  if (NOT_SIMPLE.test(rest) || otherDate(rest) || OTHER_TIME.test(rest)) return null;
  if (joined(piece, m.index, m.index + m[0].length)) return null;
  const today = Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate());
  const which = (m[1] as string).toLowerCase();
  const day =
    which === 'next'
      ? today + 7 * MS_DAY
      : which === 'this'
        ? today - new Date(today).getUTCDay() * MS_DAY
        : today - 7 * MS_DAY;
  return { start: m.index, end: m.index + m[0].length, text: m[0], span: spanFor(iso(new Date(day)), 'week') };
}

/** The plain date patterns, in the order they are tried, with their day, month and year groups. */
const PLAIN_DATES = [
  [DAY_MONTH, 1, 2, 3],
  [MONTH_DAY, 2, 1, 3],
  [MONTH_ALONE, 0, 1, 2],
  [MONTH_PART, 0, 1, 2],
] as const;

/**
 * A window whose only date is a plain calendar date — "19 June 2024", "Monday, 28 October 2024",
 * "Oct. 23", "in March 2024", "in June" — read without chrono, with chrono's choice of year when none
 * is given (the one nearest the document's date). Ranges, times and relative dates go to chrono.
 */
function plainDate(piece: string, reference: Date, sentence: string): TimeMention | null {
  let found: {
    index: number;
    text: string;
    month: number;
    day: number | null;
    year: number | null;
    re: RegExp;
  } | null = null;
  for (const [re, dayGroup, monthGroup, yearGroup] of PLAIN_DATES) {
    re.lastIndex = 0;
    for (let m = re.exec(piece); m !== null; m = re.exec(piece)) {
      if (found) return null;
      const month = MONTH_NUMBER[(m[monthGroup] as string).toLowerCase().replace(/\.$/, '')];
      const day = dayGroup ? Number(m[dayGroup]) : null;
      if (!month || (day !== null && (day < 1 || day > 31))) return null;
      found = { index: m.index, text: m[0], month, day, year: m[yearGroup] ? Number(m[yearGroup]) : null, re };
    }
    // The same words can match twice ("on 4 November" as DAY_MONTH only); the first pattern to match wins.
    if (found) break;
  }
  if (!found) return null;
  const rest = piece.slice(0, found.index) + piece.slice(found.index + found.text.length);
  if (NOT_PLAIN.test(rest) || otherDate(rest)) return null;
  // chrono reads "Oct. 23 to …" as October 2023: a month-first date before "to"/"and" stays its.
  if (joined(piece, found.index, found.index + found.text.length, found.re !== MONTH_DAY)) return null;
  // The leading preposition of "in June" is not part of the date's words.
  const words = /^(?:(?:in|since|during|until|till|by|of)\s+)?(?:(?:early|mid|late)(?:-|\s+))?/i.exec(found.text);
  const start = found.index + (words ? words[0].length : 0);
  const text = piece.slice(start, found.index + found.text.length);
  // chrono reads only capitalised full month names after a part of the month, not "mid-march",
  // "late May" or "mid-Nov", and reads "mid-November, 3,000 troops" as a day: leave those to it.
  if (
    found.re === MONTH_PART &&
    (/^[a-z]/.test(text) ||
      !FULL_MONTHS.has((text.split(/[\s,]/)[0] as string).toLowerCase()) ||
      /^\s*,?\s*\d/.test(piece.slice(found.index + found.text.length)))
  )
    return null;
  const year = found.year ?? nearestYear(reference, found.month, found.day ?? 1, FUTURE.test(sentence));
  if (found.day !== null) {
    const date = new Date(Date.UTC(year, found.month - 1, found.day));
    if (date.getUTCMonth() !== found.month - 1) return null;
    return { start, end: start + text.length, text, span: spanFor(iso(date), 'day') };
  }
  return {
    start,
    end: start + text.length,
    text,
    span: spanFor(`${year}-${pad(found.month)}-01` as IsoDate, 'month'),
  };
}
