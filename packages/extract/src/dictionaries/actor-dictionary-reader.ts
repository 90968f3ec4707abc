/**
 * Reader for TABARI/PETRARCH actor dictionaries (Phoenix.*.actors.txt, PETR.Validate.actors.txt):
 * a primary phrase, `+` synonym lines, and `[CODE]` or tab-indented `[CODE dates]` restriction lines.
 */
import type { IsoDate } from '@parallax/core';
import { phraseKey, stripLineComment, stripXmlComments, tabariDate } from './dictionary-text.ts';

/** A code that holds between two dates (either open). */
export interface DatedCode {
  code: string;
  start: IsoDate | null;
  end: IsoDate | null;
  /** The office, when the source names it (Parallax's table does; TABARI files do not). */
  title?: string | null;
}

/** One actor record: every phrase that names it, its default code(s) and its dated roles. */
export interface ActorEntry {
  /** Phrase keys (`VLADIMIR PUTIN`), the primary name first. */
  names: string[];
  /** Code used when no dated role applies; `null` when the record only has dated roles. */
  code: string | null;
  roles: DatedCode[];
}

interface Restriction {
  code: string;
  start: IsoDate | null;
  end: IsoDate | null;
  undated: boolean;
}

/** `HOBGOV 19950601 - 19990815`, `HOB < 950601`, `HOBREB > 990816`, `USR <911226`, `IGOUNO`. */
function parseRestriction(body: string): Restriction | null {
  const m = /^\s*([^\s<>]+)\s*(.*)$/.exec(body);
  if (!m?.[1]) return null;
  const code = m[1].trim();
  const rest = (m[2] ?? '').replace(/\s+/g, '');
  if (rest === '') return { code, start: null, end: null, undated: true };
  if (rest.startsWith('<')) return { code, start: null, end: tabariDate(rest.slice(1)), undated: false };
  if (rest.startsWith('>')) return { code, start: tabariDate(rest.slice(1)), end: null, undated: false };
  const range = /^(\d+)-(\d+)$/.exec(rest);
  if (range?.[1] && range[2]) {
    return { code, start: tabariDate(range[1]), end: tabariDate(range[2]), undated: false };
  }
  return null;
}

function brackets(line: string): { text: string; restrictions: Restriction[] } {
  const restrictions: Restriction[] = [];
  const text = line.replace(/\[([^\]]*)\]/g, (_, body: string) => {
    const r = parseRestriction(body);
    if (r) restrictions.push(r);
    return ' ';
  });
  return { text, restrictions };
}

/** Parses one actor dictionary; malformed lines are skipped, as PETRARCH does. */
export function readActorDictionary(source: string): ActorEntry[] {
  const entries: ActorEntry[] = [];
  let current: ActorEntry | null = null;
  const apply = (entry: ActorEntry, r: Restriction) => {
    if (r.undated) {
      // A bare `[CODE]` is the default; a second bare code after dated ones keeps the first default.
      if (entry.code === null) entry.code = r.code;
      else entry.roles.push({ code: r.code, start: null, end: null });
    } else {
      entry.roles.push({ code: r.code, start: r.start, end: r.end });
    }
  };
  for (const raw of stripXmlComments(source).split('\n')) {
    const line = stripLineComment(raw, true);
    if (line.trim() === '') continue;
    const indented = /^\s/.test(line);
    const { text, restrictions } = brackets(line);
    const phrase = text.trim();
    if (indented && phrase === '') {
      if (current) for (const r of restrictions) apply(current, r);
      continue;
    }
    if (phrase.startsWith('+')) {
      if (!current) continue;
      const key = phraseKey(phrase.slice(1));
      if (key) current.names.push(key);
      for (const r of restrictions) apply(current, r);
      continue;
    }
    const key = phraseKey(phrase);
    if (!key) continue;
    current = { names: [key], code: null, roles: [] };
    entries.push(current);
    for (const r of restrictions) apply(current, r);
  }
  return entries;
}
