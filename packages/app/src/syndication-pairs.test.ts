import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelledPairs, scorePairs } from './syndication-pairs.ts';

const stories = JSON.parse(readFileSync(new URL('../../../data/syndication/stories.json', import.meta.url), 'utf8'));

describe('syndication detection on the labelled pairs', () => {
  it('finds copies of wire stories and leaves independent reports alone', () => {
    const pairs = labelledPairs(stories);
    expect(pairs.filter((p) => p.syndicated)).toHaveLength(9);
    expect(pairs.filter((p) => !p.syndicated)).toHaveLength(19);
    const score = scorePairs(pairs);
    console.log(
      `syndication pairs: precision ${score.precision.toFixed(2)}, recall ${score.recall.toFixed(2)} ` +
        `(TP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives}, TN ${score.trueNegatives})` +
        (score.mistakes.length ? `; ${score.mistakes.join('; ')}` : ''),
    );
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.85);
  });
});
