/**
 * Quantities with units in a sentence: "about 1,500 … troops" → 1500 troops, approximate;
 * "two artillery shells" → 2 shells; "hundreds of soldiers" → 100 soldiers, approximate.
 */
import type { Quantity } from '@parallax/core';
import type { Token } from '../nlp/token.ts';

/** Nouns a number counts that matter in crisis reporting. */
const UNITS = new Set(
  (
    'troop troops soldier soldiers serviceman servicemen personnel fighter fighters militant militants rebel rebels ' +
    'civilian civilians people person persons casualty casualties dead death deaths wounded injured prisoner prisoners ' +
    'hostage hostages refugee refugees shell shells missile missiles rocket rockets drone drones bomb bombs tank tanks ' +
    'vehicle vehicles aircraft jet jets helicopter helicopters ship ships vessel vessels warship warships artillery howitzer ' +
    'howitzers round rounds tonne tonnes ton tons km kilometre kilometres kilometer kilometers mile miles dollar dollars ' +
    'euro euros worker workers hacker hackers peacekeeper peacekeepers officer officers child children men women ' +
    'protester protesters demonstrator demonstrators village villages town towns police policemen mercenary mercenaries ' +
    'volunteer volunteers reservist reservists conscript conscripts sailor sailors marine marines paratrooper paratroopers'
  ).split(' '),
);

const WORD_NUMBERS: Record<string, number> = Object.assign(Object.create(null), {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  dozen: 12,
});
// Prototype-free, like every table here indexed by a word from the text: "constructor" is a word too.
const MULTIPLIERS: Record<string, number> = Object.assign(Object.create(null), {
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  billion: 1e9,
});
/** "hundreds of", "thousands of", "dozens of": vague counts, read as their lower bound. */
const VAGUE = new Map(Object.entries({ dozens: 12, scores: 20, hundreds: 100, thousands: 1000, millions: 1e6 }));
/** Maps, not object lookups: most tokens miss, and a miss must not find `constructor` on the prototype. */
const NUMBER_WORDS = new Map(Object.entries(WORD_NUMBERS));
/** Every word that starts a count: number words and vague counts. */
const COUNT_WORDS = new Set([...NUMBER_WORDS.keys(), ...VAGUE.keys()]);
const APPROX =
  /^(about|around|approximately|nearly|almost|some|roughly|over|estimated|up|close|upwards|as|more|fewer|less|at|least|an|than|to|of|many|just|under)$/;
const APPROX_START = new Set([
  'about',
  'around',
  'approximately',
  'nearly',
  'almost',
  'some',
  'roughly',
  'over',
  'estimated',
  'up',
  'close',
  'upwards',
  'more',
  'fewer',
  'less',
  'least',
  'many',
  'under',
]);

function numberOf(t: Token): number | null {
  const raw = t.text.replace(/,/g, '');
  if (/^\d+(?:\.\d+)?$/.test(raw)) return Number(raw);
  return NUMBER_WORDS.get(t.lower) ?? null;
}

export function readQuantities(tokens: readonly Token[], text: string): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    let value: number | null = null;
    let approximate = false;
    let j = i;
    // One lookup turns away most tokens: not a number, and no word that counts.
    if (t.pos !== 'NUM' && !COUNT_WORDS.has(t.lower)) continue;
    const vague = VAGUE.get(t.lower);
    if (vague !== undefined && tokens[i + 1]?.lower === 'of') {
      value = vague;
      approximate = true;
      j = i + 2;
    } else {
      const n = numberOf(t);
      if (n === null || (t.pos !== 'NUM' && !NUMBER_WORDS.has(t.lower))) continue;
      // A year ("in 2024") or a date ("October 28") is not a count.
      if (/^(19|20)\d\d$/.test(t.text) && !UNITS.has(tokens[i + 1]?.lower ?? '')) continue;
      value = n;
      j = i + 1;
      const mult = MULTIPLIERS[tokens[j]?.lower ?? ''];
      if (mult) {
        value *= mult;
        j++;
      }
      // "12,000 to 15,000" / "12,000-15,000": a range, kept as its lower bound.
      if (
        (tokens[j]?.lower === 'to' || tokens[j]?.text === '-') &&
        tokens[j + 1] &&
        numberOf(tokens[j + 1] as Token) !== null
      ) {
        approximate = true;
        j += 2;
      }
    }
    // Up to four modifiers between the number and its noun ("North Korean special forces troops").
    let unitAt = -1;
    for (let k = j; k < Math.min(tokens.length, j + 5); k++) {
      const w = tokens[k] as Token;
      if (UNITS.has(w.lower)) {
        unitAt = k;
        // Keep going over a compound noun ("artillery shells": the head is the last unit word).
        if (!UNITS.has(tokens[k + 1]?.lower ?? '')) break;
        continue;
      }
      if (w.pos === 'ADJ' || w.pos === 'PROPN' || w.pos === 'NOUN' || w.pos === 'VERB' || w.text === '-') continue;
      break;
    }
    if (unitAt < 0 || value === null) continue;
    // Hedges before the number: "about", "at least", "more than", "some", "an estimated".
    let from = i;
    while (from > 0 && APPROX.test((tokens[from - 1] as Token).lower) && i - from < 3) from--;
    for (let k = from; k < i; k++) if (APPROX_START.has((tokens[k] as Token).lower)) approximate = true;
    if (from < i && !tokens.slice(from, i).some((x) => APPROX_START.has(x.lower))) from = i;
    const unitToken = tokens[unitAt] as Token;
    const start = (tokens[from] as Token).start;
    const end = unitToken.end;
    out.push({ value, unit: unitToken.lower, approximate, text: text.slice(start, end) });
    i = unitAt;
  }
  return out;
}
