export type UrlDefect = 'space' | 'line-break' | 'markup' | 'escape';

/** A URL as a citation writes it, and the URL it must have meant. */
export interface FoundUrl {
  /** The URL with spaces, line breaks, markup and stray escapes taken out. */
  url: string;
  /** The characters of the citation it was read from, markup included. */
  raw: string;
  /** Offset of `raw` in the text searched. */
  start: number;
  end: number;
  defects: UrlDefect[];
}

const URL_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;
const TAG_AT = /^<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>/i;

/**
 * Whether the token after a break continues the URL: URL fragments carry digits, hyphens,
 * slashes or underscores; a following word of the sentence ("Accessed") does not.
 */
function continues(url: string, token: string): boolean {
  const t = token.replace(/<[^>]*>/g, '').replace(/[.,;:)]+$/, '');
  if (!t || /^https?:/i.test(t) || /^\d{4}$/.test(t)) return false;
  if (!/^[A-Za-z0-9\-._~/?#=&%+]+$/.test(t)) return false;
  if (/[.]$/.test(url) || /\.(html?|php|aspx?|pdf)$/i.test(url)) return false;
  return t.startsWith('/') || /[\d\-/_]/.test(t);
}

/**
 * Finds the URLs in a citation and repairs the damage word processors and converters do to them:
 * a URL wrapped onto two lines or split by a space, underline markup that starts or ends inside it,
 * and (in plain text, where they are not escapes) Markdown backslashes.
 */
export function findUrls(text: string, options: { markdown: boolean }): FoundUrl[] {
  const found: FoundUrl[] = [];
  const starts = /https?:\/\//gi;
  let m: RegExpExecArray | null = starts.exec(text);
  while (m) {
    const start = m.index;
    let pos = start;
    let url = '';
    const defects = new Set<UrlDefect>();
    const tagsAt: number[] = [];
    while (pos < text.length) {
      const rest = text.slice(pos);
      const tag = TAG_AT.exec(rest);
      if (tag) {
        tagsAt.push(url.length);
        pos += tag[0].length;
        continue;
      }
      const ch = text[pos] as string;
      if (ch === '\\' && /[_*[\]()#~\\-]/.test(text[pos + 1] ?? '')) {
        if (!options.markdown) defects.add('escape');
        url += text[pos + 1];
        pos += 2;
        continue;
      }
      if (URL_CHAR.test(ch)) {
        url += ch;
        pos++;
        continue;
      }
      if (/\s/.test(ch)) {
        const gap = /^\s+/.exec(rest)?.[0] ?? '';
        if (gap.includes('\n\n')) break;
        const token = /^\S+/.exec(text.slice(pos + gap.length))?.[0] ?? '';
        if (url.length > 'https://'.length && continues(url, token)) {
          defects.add(gap.includes('\n') ? 'line-break' : 'space');
          pos += gap.length;
          continue;
        }
      }
      break;
    }
    // Sentence punctuation after a URL is not part of it; a closing bracket is only if one opened.
    let trimmed = url.replace(/[.,;:'"]+$/, '');
    while (/\)$/.test(trimmed) && (trimmed.match(/\(/g)?.length ?? 0) < (trimmed.match(/\)/g)?.length ?? 0))
      trimmed = trimmed.slice(0, -1).replace(/[.,;:]+$/, '');
    if (tagsAt.some((at) => at > 0 && at < trimmed.length)) defects.add('markup');
    // The raw span ends where the kept URL ends, so a finding quotes exactly the damaged text.
    let end = start;
    let kept = 0;
    while (end < text.length && kept < trimmed.length) {
      const tag = TAG_AT.exec(text.slice(end));
      if (tag) {
        end += tag[0].length;
        continue;
      }
      const ch = text[end] as string;
      if (ch === '\\' && text[end + 1] === trimmed[kept]) end++;
      else if (/\s/.test(ch)) {
        end++;
        continue;
      }
      end++;
      kept++;
    }
    const closing = TAG_AT.exec(text.slice(end));
    if (closing && /^<\//.test(closing[0])) end += closing[0].length;
    if (trimmed.length > 'https://'.length + 2)
      found.push({ url: trimmed, raw: text.slice(start, end), start, end, defects: [...defects].sort() });
    starts.lastIndex = Math.max(pos, start + 1);
    m = starts.exec(text);
  }
  return found;
}

/** A URL in the form two citations of one page share: scheme, `www.`, case of the host and a final slash ignored. */
export function comparableUrl(url: string): string {
  const m = /^https?:\/\/(?:www\.)?([^/?#]+)(.*)$/i.exec(url.trim());
  if (!m) return url.trim();
  return `${(m[1] ?? '').toLowerCase()}${(m[2] ?? '').replace(/\/$/, '')}`;
}
