/**
 * Blanks out what is not prose — leftover HTML tags and entities, control and zero-width characters —
 * without changing the text's length, so every offset the pipeline computes still points into the
 * original document text.
 */

const TAG = /<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]{0,400}>/g;
const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});/g;
// C0/C1 controls except tab, newline and carriage return; zero-width characters; no-break space.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF\u00A0]/g;
// Module level: the TypeScript loader rewrites a `\p{…}` literal inside a function into a `new RegExp` per call.
const UNDERSCORE_JOIN = /(?<=\p{L})_(?=\p{L})/gu;

// Prototype-free: "&constructor;" must stay text, not find Object.prototype.constructor.
const NAMED: Record<string, string> = Object.assign(Object.create(null), {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
});

function entityChar(body: string): string | null {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    if (!Number.isFinite(code) || code < 32 || code > 0xffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return String.fromCharCode(code);
  }
  return NAMED[body.toLowerCase()] ?? null;
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** Same-length copy of `text` with markup and invisible characters replaced by spaces. */
export function maskText(text: string): string {
  // Each pattern only where its first character occurs: most documents hold no tag, entity or
  // underscore, and a pattern that opens with a lookbehind is tried at every position.
  let out = text;
  if (out.includes('<')) out = out.replace(TAG, blank);
  if (out.includes('&')) {
    out = out.replace(ENTITY, (m, body: string) => {
      const c = entityChar(body);
      return c ? c + ' '.repeat(m.length - 1) : ' '.repeat(m.length);
    });
  }
  out = out.replace(CONTROL, ' ');
  // `Dol_Amroth`: an underscore between letters is a space written the way dictionaries write it.
  if (out.includes('_')) out = out.replace(UNDERSCORE_JOIN, ' ');
  return out;
}
