/**
 * The key place names are indexed and looked up by: lower case, no diacritics, no apostrophes,
 * hyphens and dots as spaces — so "Kyiv", "Zaporizhzhia"/"Zaporizhzhya", "Rasŏn"/"Rason",
 * "St. Petersburg" and "Курск" each meet their written variants.
 */
const COMBINING = /[\u0300-\u036f]/g;

export function placeKey(name: string): string {
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
