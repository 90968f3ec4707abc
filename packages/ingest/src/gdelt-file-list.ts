import { InvalidInputError } from '@parallax/core';

/** GDELT's index of 15-minute files (`masterfilelist.txt`, `lastupdate.txt`): size, MD5 and URL per line. */
export const GDELT_MASTER_LIST = 'http://data.gdeltproject.org/gdeltv2/masterfilelist.txt';
export const GDELT_LAST_UPDATE = 'http://data.gdeltproject.org/gdeltv2/lastupdate.txt';

export type GdeltFileKind = 'export' | 'mentions' | 'gkg';

export interface GdeltListedFile {
  size: number;
  md5: string;
  url: string;
  /** The file's 14-digit UTC stamp (`20180326044500`). */
  stamp: string;
  kind: GdeltFileKind;
}

/** Reads a GDELT file list; lines that are not `size md5 url` are reported by number. */
export function parseGdeltFileList(text: string, name: string): GdeltListedFile[] {
  const out: GdeltListedFile[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    const m = /^(\d+)\s+([0-9a-f]{32})\s+(\S+\/(\d{14})\.(export|mentions|gkg)\.[A-Za-z.]+)$/i.exec(line);
    if (!m) {
      // GDELT's list has a few historical lines without a size; they name no file we import.
      if (/^\s*\S+\s+\S+\s+\S+$/.test(line) || /^\S+$/.test(line)) continue;
      throw new InvalidInputError(`${name}:${i + 1}: not a GDELT file list line (size md5 url)`);
    }
    out.push({
      size: Number(m[1]),
      md5: (m[2] as string).toLowerCase(),
      url: m[3] as string,
      stamp: m[4] as string,
      kind: (m[5] as string).toLowerCase() as GdeltFileKind,
    });
  }
  return out;
}

/** `2024-06-01`, `2024-06-01T12:30`, or a 14-digit GDELT stamp → a 14-digit stamp. */
export function toGdeltStamp(value: string, name: string): string {
  if (/^\d{14}$/.test(value)) return value;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?Z?$/.exec(value.trim());
  if (!m)
    throw new InvalidInputError(`${name}: '${value}' is not a date (YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYYMMDDHHMMSS)`);
  return `${m[1]}${m[2]}${m[3]}${m[4] ?? '00'}${m[5] ?? '00'}${m[6] ?? '00'}`;
}

/** Files of the given kinds published in [since, until), oldest first. */
export function selectGdeltFiles(
  files: GdeltListedFile[],
  options: { since?: string; until?: string; kinds: GdeltFileKind[] },
): GdeltListedFile[] {
  return files
    .filter(
      (f) =>
        options.kinds.includes(f.kind) &&
        (!options.since || f.stamp >= options.since) &&
        (!options.until || f.stamp < options.until),
    )
    .sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : a.kind < b.kind ? -1 : 1));
}
