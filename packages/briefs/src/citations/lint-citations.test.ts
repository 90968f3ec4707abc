import { describe, expect, it } from 'vitest';
import { parseDraft } from '../draft/brief-draft.ts';
import { findUrls } from './find-urls.ts';
import { lintCitations } from './lint-citations.ts';
import { readReference } from './reference-fields.ts';

// A draft written for this test in Chicago notes-bibliography form, with one defect of each kind.
const DRAFT = `# Harbour closures in the northern sector

Analyst desk, 3 March 2025

Port authorities closed two harbours on 1 March.[^1] The coast guard later reopened one.[^2]
Shipping insurers raised premiums the same week.[^3]

[^1]: Ana Lopes, "Two Harbours Closed after Storm Damage," Coastal Times, March 1, 2025, https://coastal.example/news/two-harbours-
closed-after-storm-damage.
[^2]: Coast Guard, "Notice to Mariners 12/2025," Coast Guard Bulletin, March 2, 2025, https://cg.example/notices/12-2025. Accessed March 3, 2025.
[^3]: Ben Ode, "Premiums Rise on Northern Routes," Insurance Weekly, March 4, 2024, https://iw.example/premiums-rise-northern-routes.
[^4]: Lopes, "Two Harbours Closed."

## Bibliography

- Ode, Ben. "Premiums Rise on Northern Routes." Insurance Weekly, March 4, 2025. https://iw.example/premiums-rise-northern-routes.
- Coast Guard. "Notice to Mariners 12/2025." Coast Guard Bulletin, March 2, 2025. Accessed March 5, 2025. https://cg.example/notices/12-2025.
- Lopes, Ana. "Two Harbours Closed after Storm Damage." Coastal Times, March 1, 2025. https://coastal.example/news/two-harbours-closed-after-storm-damage.
- Lopes, Ana. "Two Harbours Closed After Storm Damage." Coastal Times, 2025. https://coastal.example/news/two-harbours-closed-after-storm-damage.
- Weather Office. "Storm Warning for the Northern Coast."
- Riva, Carla. "Dredging Schedules for 2025." Port Review, January 9, 2025. https://portreview.example/dredging-2025.
`;

describe('citation lint on a Chicago notes draft', () => {
  const draft = parseDraft(DRAFT, { name: 'harbours.md', format: 'markdown' });
  const findings = lintCitations(draft, {
    pages: [
      {
        url: 'https://portreview.example/dredging-2025',
        title: 'Fishing quotas for the spring season',
        documentId: 'doc_x',
      },
    ],
  });
  const lines = (kind: string) => findings.filter((f) => f.kind === kind).map((f) => f.line);

  it('reads Markdown footnotes and the bibliography', () => {
    expect(draft.notes.map((n) => [n.label, n.line])).toEqual([
      ['1', 8],
      ['2', 10],
      ['3', 11],
      ['4', 12],
    ]);
    expect(draft.noteReferences.map((r) => r.label)).toEqual(['1', '2', '3']);
    expect(draft.bibliography).toHaveLength(6);
  });

  it('finds each kind of defect on its line', () => {
    expect(lines('broken-url')).toEqual([8]);
    expect(findings.find((f) => f.kind === 'broken-url')?.suggestion).toContain(
      'https://coastal.example/news/two-harbours-closed-after-storm-damage',
    );
    expect(lines('unreferenced-note')).toEqual([12]);
    // note 3 says 2024, the bibliography 2025
    expect(findings.filter((f) => f.kind === 'mismatch').map((f) => [f.line, f.related])).toEqual([[11, [16]]]);
    expect(findings.find((f) => f.kind === 'mismatch')?.message).toContain('year 2024 vs 2025');
    // the Coast Guard notice was accessed March 3 per the note, March 5 per the bibliography
    expect(findings.filter((f) => f.kind === 'access-date').map((f) => [f.line, f.related])).toEqual([[10, [17]]]);
    // Lopes is listed twice (title case differs)
    expect(findings.filter((f) => f.kind === 'duplicate-entry').map((f) => [f.line, f.related])).toEqual([[19, [18]]]);
    // the Weather Office and Riva entries are cited by no note
    expect(lines('missing-entry')).toEqual([20, 21]);
    // the workspace holds the Port Review page under another title
    expect(lines('title-url-mismatch')).toEqual([21]);
    // Ode before Coast Guard, and Weather Office before Riva, are out of order
    expect(lines('order').length).toBeGreaterThan(0);
    // the Weather Office entry has no publisher and no date
    expect(findings.filter((f) => f.kind === 'missing-field' && f.line === 20).map((f) => f.message)).toEqual([
      'the bibliography entry on line 20 names no publisher or site',
      'the bibliography entry on line 20 has no date',
    ]);
  });

  it('matches a shortened note to its work without calling it a mismatch', () => {
    expect(findings.filter((f) => f.line === 12).map((f) => f.kind)).toEqual(['unreferenced-note']);
  });

  it('reports a marker with no note, and notes without a bibliography', () => {
    const d = parseDraft(
      'Text with a marker.<sup>1</sup> And another.<sup>2</sup>\n\n<sup>1</sup> A. Writer, "A Title," Site, May 1, 2024.\n',
      {
        name: 'x.md',
        format: 'markdown',
      },
    );
    const f = lintCitations(d);
    expect(f.filter((x) => x.kind === 'missing-entry').map((x) => [x.line, x.message])).toEqual([
      [1, 'note marker 2 has no note text'],
      [3, 'the draft has notes but no bibliography'],
    ]);
  });
});

describe('reading citation fields', () => {
  it('reads notes, bibliography and author-date shapes', () => {
    expect(
      readReference(
        'Jane Doe, "North Korean Troops Deployed, NATO Says," Example News, October 28, 2024, https://example.org/a1.',
        { markdown: true },
      ),
    ).toMatchObject({
      authors: 'Jane Doe',
      title: 'North Korean Troops Deployed, NATO Says',
      container: 'Example News',
      date: { iso: '2024-10-28' },
    });
    expect(
      readReference(
        'Doe, Jane. 2024. “Troops Deployed.” Example News. Accessed 3 November 2024. https://example.org/a1',
        { markdown: true },
      ),
    ).toMatchObject({
      authors: 'Doe, Jane',
      title: 'Troops Deployed',
      container: 'Example News',
      accessed: { iso: '2024-11-03' },
    });
    expect(readReference('Ibid., 4.', { markdown: true }).ibid).toBe(true);
  });

  it('repairs URLs without swallowing the words after them', () => {
    expect(findUrls('See https://a.example/x/y. Accessed May 2, 2024.', { markdown: true }).map((u) => u.url)).toEqual([
      'https://a.example/x/y',
    ]);
    expect(findUrls('https://a.example/report_2024.pdf 2024.', { markdown: true })[0]).toMatchObject({
      url: 'https://a.example/report_2024.pdf',
      defects: [],
    });
    expect(findUrls('https://a.example/a\\_b', { markdown: false })[0]).toMatchObject({
      url: 'https://a.example/a_b',
      defects: ['escape'],
    });
    expect(findUrls('(https://a.example/wiki/Foo_(bar))', { markdown: true })[0]?.url).toBe(
      'https://a.example/wiki/Foo_(bar)',
    );
  });
});
