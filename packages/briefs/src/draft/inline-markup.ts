/**
 * Inline markup as drafts carry it: Markdown emphasis and escapes, HTML tags and entities, and the
 * double-escaped tags word processors leave behind when a document goes through two converters
 * (`<sup>&</sup>lt;sup>1</sup>`).
 */

const ENTITIES: Record<string, string> = {
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
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;

/** Tags that an entity was split across (`&</sup>lt;`) are moved out of it, so the entity decodes. */
function joinSplitEntities(text: string): string {
  return text.replace(/&((?:<\/?[a-z]+>)+)(lt|gt|amp|quot);/gi, '$1&$2;');
}

/**
 * The text a reader sees: tags removed, entities decoded, Markdown escapes and emphasis markers
 * dropped. Repeats while something changes, because a double-escaped tag only appears as a tag
 * after one round of decoding.
 */
export function plainText(raw: string, options: { markdown: boolean } = { markdown: true }): string {
  let text = joinSplitEntities(raw);
  for (let round = 0; round < 3; round++) {
    const next = decodeEntities(text.replace(TAG, ''));
    if (next === text) break;
    text = next;
  }
  if (options.markdown) {
    text = text
      .replace(/\\([\\`*_{}[\]()#+\-.!|~<>"'])/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(^|[\s(“"'])[*_](?=\S)(.+?)(?<=\S)[*_](?=$|[\s.,;:!?)”"'])/g, '$1$2');
  }
  return text;
}

/**
 * The same text with every markup character replaced by a space, so offsets and line numbers stay
 * those of the file. Note markers are blanked too: the text is for reading claims, not citations.
 */
export function blankMarkup(raw: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return raw
    .replace(/<sup>[^<]{0,12}<\/sup>/gi, blank)
    .replace(/\[\^[^\]\s]+\]/g, blank)
    .replace(TAG, blank)
    .replace(/&[a-z]+;|&#\d+;/gi, (e) => {
      const decoded = decodeEntities(e);
      return decoded.length === 1 ? decoded.padEnd(e.length, ' ') : blank(e);
    })
    .replace(/\\(?=[\\`*_{}[\]()#+\-.!|~])/g, ' ')
    .replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, blank)
    .replace(/^#{1,6}\s/gm, blank);
}

/** Title text for comparing two citations of one work: case, quotes, punctuation and spacing ignored. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Quotes and spacing made uniform but case and words kept: what two copies of one title must share. */
export function tidyTitle(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;:]+(['"]?)$/, '$1')
    .replace(/^"|"$/g, '')
    .trim();
}

export function titleWords(title: string): Set<string> {
  return new Set(normaliseTitle(title).split(' ').filter(Boolean));
}

/** Jaccard similarity of two word sets. */
export function wordOverlap(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}
