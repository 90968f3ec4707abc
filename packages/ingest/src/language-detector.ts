/**
 * A cheap language guess: the dominant script, and for Latin text whether it reads as English
 * (share of very common English function words). Good enough to route English text to the English
 * extractor and to label the rest honestly (`und-Cyrl` rather than a wrong guess).
 */
const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to in a is that for on with as by was were said at from it an be has have had are its this which not or but their after will would been'.split(
    ' ',
  ),
);

const SCRIPTS: [string, RegExp][] = [
  ['Latn', /\p{Script=Latin}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Jpan', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
];

/** The dominant script of the text's letters, as an ISO 15924 code, or null if it has none. */
export function dominantScript(text: string): string | null {
  const counts = new Map<string, number>();
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  for (const ch of sample) {
    if (!/\p{L}/u.test(ch)) continue;
    const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'Zyyy';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [script, n] of counts) {
    if (n > bestCount) {
      best = script;
      bestCount = n;
    }
  }
  return best;
}

/** BCP 47 tag: `en`, `ko` (Hangul is only Korean), `ja`, or `und-<Script>` when only the script is known. */
export function detectLanguage(text: string): string {
  const script = dominantScript(text);
  if (!script) return 'und';
  if (script === 'Hang') return 'ko';
  if (script === 'Jpan') return 'ja';
  if (script === 'Latn') {
    const words = (
      text
        .slice(0, 20_000)
        .toLowerCase()
        .match(/[a-z']+/g) ?? []
    ).slice(0, 2000);
    if (words.length >= 3) {
      const hits = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length;
      if (hits / words.length >= 0.12) return 'en';
    }
  }
  return `und-${script}`;
}
