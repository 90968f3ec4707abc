/**
 * Shared lexical rules of the TABARI/PETRARCH dictionary files: comments, phrase words and dates.
 * Every reader in this folder goes through these so the formats agree on what a comment or a word is.
 */
import type { IsoDate } from '@parallax/core';

/** Removes `<!-- … -->` blocks (possibly spanning lines), keeping line breaks so line numbers survive. */
export function stripXmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ''));
}

/**
 * One logical line without its trailing comment. `#` always starts a comment; `;` does too in the
 * actor files (the old KEDS rule), which callers ask for explicitly.
 */
export function stripLineComment(line: string, semicolon = false): string {
  let cut = line.indexOf('#');
  if (semicolon) {
    const s = line.indexOf(';');
    if (s >= 0 && (cut < 0 || s < cut)) cut = s;
  }
  // Malformed openers such as `<! -- …` occur in the shipped files; they carry no data.
  const bang = line.indexOf('<!');
  if (bang >= 0 && (cut < 0 || bang < cut)) cut = bang;
  return cut >= 0 ? line.slice(0, cut) : line;
}

/** `NORTH_KOREA_` / `north korea` → `NORTH KOREA`: words upper-cased, `_` and runs of blanks to one space. */
export function phraseKey(phrase: string): string {
  return phrase.replace(/_/g, ' ').trim().replace(/\s+/g, ' ').toUpperCase();
}

/** Does the phrase end with `_` (TABARI's "whole word only, no plural" marker)? */
export function endsWithUnderscore(phrase: string): boolean {
  return /_\s*$/.test(phrase);
}

/**
 * TABARI dates: `YYYYMMDD` or `YYMMDD`. Two-digit years up to 30 are read as 20YY, the rest as 19YY,
 * which is how the 2014 dictionaries use them (`990809` is 1999, `080507` is 2008).
 */
export function tabariDate(raw: string): IsoDate | null {
  const digits = raw.trim();
  if (!/^\d{6,8}$/.test(digits)) return null;
  let y: number;
  let rest: string;
  if (digits.length === 8) {
    y = Number(digits.slice(0, 4));
    rest = digits.slice(4);
  } else if (digits.length === 6) {
    const yy = Number(digits.slice(0, 2));
    y = yy <= 30 ? 2000 + yy : 1900 + yy;
    rest = digits.slice(2);
  } else {
    // A 7-digit date is a typo in the source (e.g. `2004017`); read the year and trust the rest only if valid.
    y = Number(digits.slice(0, 4));
    rest = `0${digits.slice(4, 5)}${digits.slice(5)}`;
  }
  const m = Number(rest.slice(0, 2));
  const d = Number(rest.slice(2, 4));
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1) return null;
  return probe.toISOString().slice(0, 10) as IsoDate;
}

/** The regular English plural PETRARCH generates for dictionary nouns. */
export function regularPlural(word: string): string {
  if (/[^AEIOU]Y$/.test(word)) return `${word.slice(0, -1)}IES`;
  if (/(SS|SH|CH|X|Z)$/.test(word)) return `${word}ES`;
  if (word.endsWith('S')) return `${word}ES`;
  return `${word}S`;
}
