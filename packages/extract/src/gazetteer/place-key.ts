/**
 * The key place names are indexed and looked up by: lower case, no diacritics, no apostrophes,
 * hyphens and dots as spaces — so "Kyiv", "Zaporizhzhia"/"Zaporizhzhya", "Rasŏn"/"Rason",
 * "St. Petersburg" and "Курск" each meet their written variants.
 */
const COMBINING = /[\u0300-\u036f]/g;

export function placeKey(name: string): string {
  if (plainWord(name)) return name.toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test
  const ascii = /^[\x00-\x7f]*$/.test(name);
  const base = ascii ? name : name.normalize('NFKD').replace(COMBINING, '');
  return base
    .toLowerCase()
    .replace(/['’‘`ʼʻ´]/g, '')
    .replace(/[-‐‑–.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * ASCII without what placeKey removes or turns into spaces (apostrophes, backticks, hyphens, dots,
 * commas, whitespace), as most words are: lower-casing is all their key needs.
 */
function plainWord(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 128 || c <= 32 || c === 39 || c === 96 || c === 45 || c === 46 || c === 44) return false;
  }
  return true;
}
