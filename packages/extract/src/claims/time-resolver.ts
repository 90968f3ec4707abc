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
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:[a-z]*|\.)(?:\b|\s)|\b(?:today|yesterday|tomorrow|tonight|overnight|ago|weekend|fortnight)\b|\b(?:last|next|this|past|previous|coming)\s+(?:week|month|year|day|night|morning|evening|\w+day)\b|\b(?:19|20)\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/i;

const YEAR_ONLY = /\b(?:in|since|during|by|until|through|throughout|early|late|mid-?)\s+((?:19|20)\d\d)\b/gi;
const FUTURE = /\b(?:will|shall|'ll|going to|plans? to|next|tomorrow|upcoming|scheduled)\b/i;
const MS_DAY = 86_400_000;

const HINTS = new RegExp(DATE_HINT.source, 'gi');
const HINT_ONE = new RegExp(DATE_HINT.source, 'i');

/** Windows of the sentence around each date word, widened to word boundaries and merged. */
function hintWindows(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(HINTS)) {
    // A year on its own ("the 1994 genocide", "in 2023") is read without chrono (YEAR_ONLY).
    if (/^(?:19|20)\d\d$/.test(m[0])) continue;
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

const iso = (d: Date): IsoDate => d.toISOString().slice(0, 10) as IsoDate;

const WEEKDAY_NUMBER: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
/**
 * The commonest dates in news — "on Friday", "late Sunday", "yesterday" — alone in their window
 * are read directly; chrono (a tenth of the extraction's time) reads everything else.
 */
const SIMPLE_DAY =
  /\b(?:on\s+)?(?:(?:early|late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?\b|\b(today|yesterday|tonight)\b/gi;
const NOT_SIMPLE =
  /\d|\b(?:last|next|this|past|previous|coming|until|till|through|between|from|to|and|or|weeks?|weekend|days?|months?|years?|ago|after|before|later|earlier)\b/i;

export class TimeResolver {
  private readonly parser = chrono.en.GB.clone();

  /** Time mentions in `text` (a sentence starting at document offset `offset`). */
  resolve(text: string, offset: number, reference: Date): TimeMention[] {
    const out: TimeMention[] = [];
    // chrono's cost grows with the text it scans: give it only the stretches around date words.
    for (const [from, to] of hintWindows(text)) {
      const piece = text.slice(from, to);
      const simple = this.simpleDay(piece, text, reference);
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
    for (const m of text.matchAll(YEAR_ONLY)) {
      const at = (m.index ?? 0) + m[0].length - (m[1] as string).length;
      if (out.some((o) => o.start - offset <= at && at < o.end - offset)) continue;
      out.push({
        start: offset + at,
        end: offset + at + 4,
        text: m[1] as string,
        span: spanFor(`${m[1]}-01-01` as IsoDate, 'year'),
      });
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
    if (NOT_SIMPLE.test(m[0]) || NOT_SIMPLE.test(rest) || HINT_ONE.test(rest)) return null;
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
    if (known('weekday') && !known('day') && start.getTime() > reference.getTime() && !FUTURE.test(sentence)) {
      start = new Date(start.getTime() - 7 * MS_DAY);
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
