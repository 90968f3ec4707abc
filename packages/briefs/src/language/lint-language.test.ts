import { describe, expect, it } from 'vitest';
import { parseDraft } from '../draft/brief-draft.ts';
import { lintLanguage } from './lint-language.ts';

// Drafts written for these tests.
const lint = (text: string) => lintLanguage(parseDraft(text, { name: 'draft.md', format: 'markdown' }));

describe('estimative-language lint (ICD 203)', () => {
  it('maps likelihood terms to their bands, longest term first', () => {
    const f = lint(
      'Reporting indicates the convoy is very likely to reach the border. A ceasefire is unlikely, because neither side has agreed terms.\n',
    );
    expect(f.filter((x) => x.kind === 'likelihood').map((x) => [x.text, x.band])).toEqual([
      ['very likely', 'very-likely'],
      ['unlikely', 'unlikely'],
    ]);
    expect(f.find((x) => x.text === 'very likely')?.message).toContain('80–95%');
  });

  it('flags likelihood and confidence in one sentence', () => {
    const f = lint(
      'We assess with high confidence that the talks will likely fail, based on both delegations’ statements.\n',
    );
    expect(f.filter((x) => x.kind === 'likelihood-and-confidence').map((x) => x.line)).toEqual([1]);
    const split = lint(
      'Based on both delegations’ statements, the talks will likely fail. We have high confidence in this judgment.\n',
    );
    expect(split.filter((x) => x.kind === 'likelihood-and-confidence')).toEqual([]);
  });

  it('flags a mix of term sets and suggests the brief’s own term', () => {
    const f = lint(
      'Reporting shows a strike is likely. A second strike is unlikely, given the weather.\n\nA third strike is a realistic possibility according to the ministry. Escalation is highly probable, per the reports.\n',
    );
    const mixed = f.filter((x) => x.kind === 'mixed-terms');
    expect(mixed.map((x) => [x.line, x.text])).toEqual([
      [3, 'realistic possibility'],
      [3, 'highly probable'],
    ]);
    expect(mixed[0]?.suggestion).toContain('“roughly even chance”');
    expect(mixed[1]?.suggestion).toContain('“very likely”');
  });

  it('flags judgments with no stated basis, but not cited ones', () => {
    const f = lint(
      'The regime will probably fall within a year.\n\nThe army is likely to stay loyal.<sup>1</sup>\n\nFuel shortages could spread because two refineries are shut.\n',
    );
    expect(f.filter((x) => x.kind === 'no-basis').map((x) => x.line)).toEqual([1]);
    expect(f.filter((x) => x.kind === 'unmapped').map((x) => [x.line, x.text])).toEqual([[5, 'could']]);
  });

  it('flags certainty words, and does not read the month of May or “remote areas” as estimates', () => {
    const f = lint(
      'The offensive will certainly begin in May, according to officials. Supplies reach remote areas by air, per the UN.\n',
    );
    expect(f.filter((x) => x.kind === 'certainty').map((x) => x.text)).toEqual(['certainly']);
    expect(f.filter((x) => x.kind === 'unmapped')).toEqual([]);
    expect(f.filter((x) => x.kind === 'likelihood')).toEqual([]);
    expect(lint('The chance of a deal is remote, as both sides say.\n').map((x) => [x.kind, x.band])).toEqual([
      ['likelihood', 'almost-no-chance'],
    ]);
  });

  it('ignores notes and the bibliography', () => {
    const f = lint(
      'A claim with a source.<sup>1</sup>\n\n<sup>1</sup> A. Writer, "Strike Likely, Officials Say," Site, May 1, 2024.\n',
    );
    expect(f).toEqual([]);
  });
});
