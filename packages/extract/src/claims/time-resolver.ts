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

/** Cheap pre-check: only sentences with a digit or a date word are given to chrono. */
const DATE_HINT =
  /\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:today|yesterday|tomorrow|tonight|week|month|year|ago|last|next|this|earlier|later)\b/i;

const YEAR_ONLY = /\b(?:in|since|during|by|until|through|throughout|early|late|mid-?)\s+((?:19|20)\d\d)\b/gi;
const FUTURE = /\b(?:will|shall|'ll|going to|plans? to|next|tomorrow|upcoming|scheduled)\b/i;
const MS_DAY = 86_400_000;

const iso = (d: Date): IsoDate => d.toISOString().slice(0, 10) as IsoDate;

export class TimeResolver {
  private readonly parser = chrono.en.GB.clone();

  /** Time mentions in `text` (a sentence starting at document offset `offset`). */
  resolve(text: string, offset: number, reference: Date): TimeMention[] {
    if (!DATE_HINT.test(text)) return [];
    const out: TimeMention[] = [];
    const results = this.parser.parse(text, { instant: reference, timezone: 0 });
    for (const r of results) {
      const span = this.toSpan(r, text, reference);
      if (span) out.push({ start: offset + r.index, end: offset + r.index + r.text.length, text: r.text, span });
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
