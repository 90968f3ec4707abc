// WCAG 2.1 contrast of the workbench's text colours, in the light and the dark scheme, read from the
// stylesheet itself so a palette change cannot slip below AA unnoticed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8');

function scheme(block: string): Map<string, string> {
  return new Map([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

const light = scheme(css.slice(css.indexOf(':root {'), css.indexOf('@media (prefers-color-scheme: dark)')));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = new Map([...light, ...scheme(css.slice(darkStart, css.indexOf('\n}\n', darkStart)))]);

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// Text colour on background, as the stylesheet pairs them.
const PAIRS: [string, string][] = [
  ['ink', 'bg'],
  ['ink', 'panel'],
  ['muted', 'bg'],
  ['muted', 'panel'],
  ['accent', 'panel'],
  ['ok', 'panel'],
  ['bad', 'panel'],
  ['on-accent', 'accent'],
  ['ink', 'mark'],
  ['ink', 'accent-soft'],
];

describe('palette contrast (WCAG 2.1 AA, 4.5:1 for text)', () => {
  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [name, vars] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`keeps every text colour readable in the ${name} scheme`, () => {
      expect(vars.size).toBeGreaterThan(10);
      const low = PAIRS.map(([fg, bg]) => {
        const f = vars.get(fg);
        const b = vars.get(bg);
        if (!f || !b) throw new Error(`--${fg} or --${bg} missing from the ${name} scheme`);
        return { pair: `${fg} on ${bg}`, ratio: Math.round(contrast(f, b) * 100) / 100 };
      }).filter((p) => p.ratio < 4.5);
      expect(low).toEqual([]);
    });
  }
});
