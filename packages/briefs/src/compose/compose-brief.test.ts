import { existsSync, readFileSync } from 'node:fs';
import { buildDocument, type IsoDateTime } from '@parallax/core';
import { describe, expect, it } from 'vitest';
import { briefHtml } from '../export/brief-html.ts';
import { BRIEF, d1, d2, d3, event, library } from '../test-fixtures/harbour-brief.ts';
import { citedKeys, findCitations } from './citation-keys.ts';
import { checkCslStyle, composeBrief } from './compose-brief.ts';

describe('compose with the team’s Chicago notes-bibliography style', () => {
  const composed = composeBrief(BRIEF, library);

  it('finds citation keys with locators', () => {
    expect(findCitations(BRIEF).map((c) => c.refs.map((r) => [r.kind, r.locator, r.label]))).toEqual([
      [['doc', null, null]],
      [['doc', '2', 'paragraph']],
      [
        ['doc', null, null],
        ['doc', null, null],
      ],
      [['event', null, null]],
    ]);
    expect(citedKeys(BRIEF)).toEqual({ documents: [d1.id, d2.id, d3.id], events: [event.id] });
  });

  it('numbers footnotes after punctuation, full first, shortened after', () => {
    expect(composed.notes.map((n) => n.text)).toEqual([
      'Ana Lopes and Ben Ode, “Two Harbours Closed after Storm Damage: Authorities Assess the Quays,” Harbour Wire, March 1, 2025, https://harbourwire.example/two-harbours-closed.',
      // no author: Chicago starts with the title
      '“Notice to Mariners 12/2025,” Ministry of Ports, March 2, 2025, para. 2, https://ports.gov.example/notices/12-2025.',
      'Carla Riva, “Insurers Raise Premiums on Northern Routes,” Coastal Times, March 4, 2025, https://coastal.example/premiums; Lopes and Ode, “Two Harbours Closed.”',
      'Lopes and Ode, “Two Harbours Closed”; Ministry of Ports, “Notice to Mariners 12/2025.”',
    ]);
    expect(composed.markdown).toContain('Two harbours closed on 1 March.[^1] One reopened a day later.[^2]');
    expect(composed.markdown).toMatch(
      /^\[\^3\]: Carla Riva, “Insurers Raise Premiums on Northern Routes,” \*Coastal Times\*/m,
    );
    expect(composed.bodyHtml).toContain('<sup class="fn-ref" data-note="1">1</sup>');
    expect(composed.problems).toEqual([]);
  });

  it('writes an alphabetical bibliography', () => {
    expect(composed.bibliography.map((b) => b.text)).toEqual([
      'Lopes, Ana, and Ben Ode. “Two Harbours Closed after Storm Damage: Authorities Assess the Quays.” Harbour Wire, March 1, 2025. https://harbourwire.example/two-harbours-closed.',
      // an unsigned web page is listed under its site
      'Ministry of Ports. “Notice to Mariners 12/2025.” March 2, 2025. https://ports.gov.example/notices/12-2025.',
      'Riva, Carla. “Insurers Raise Premiums on Northern Routes.” Coastal Times, March 4, 2025. https://coastal.example/premiums.',
    ]);
  });

  it('summarises sourcing as ICD 206 asks: who carries what, single-source dependencies, descriptors', () => {
    const s = composed.summary;
    expect(s.statements.map((x) => [x.number, x.origins, x.singleSource, x.likelihood])).toEqual([
      [1, 1, true, null],
      [2, 1, true, null],
      [3, 2, false, 'likely'],
      [4, 2, false, null],
    ]);
    expect(s.singleSourceDependencies).toEqual([1, 2]);
    expect(s.sources.map((x) => [x.name, x.statements])).toEqual([
      ['Harbour Wire', [1, 3, 4]],
      ['Ministry of Ports', [2, 4]],
      ['Coastal Times', [3]],
    ]);
    expect(s.sources[0]?.descriptor).toBe(
      'Harbour Wire — wire-agency; reliability B (Usually reliable): accurate on shipping for years; 1 document cited, 2025-03-01.',
    );
    expect(s.sources[1]?.descriptor).toContain('official statement: speaks for its government');
    expect(s.statement).toContain('2 statements rest on a single source (#1, #2)');
    expect(s.statements[3]?.events).toEqual([
      { id: event.id, credibility: 2, credibilityLabel: 'Probably true', independentOrigins: 1 },
    ]);
  });

  it('reports keys that name nothing, and refuses a file that is not a CSL style', () => {
    const c = composeBrief('A claim [@doc:doc_missing] and [@event:evt_missing].\n', library);
    expect(c.problems).toEqual([
      { line: 1, message: '@doc:doc_missing: no such document in the workspace' },
      { line: 1, message: '@event:evt_missing: no such event in the workspace' },
    ]);
    expect(() => checkCslStyle('<html></html>', 'mine.csl')).toThrow(/mine\.csl: not a CSL style/);
  });
});

const OFFICIAL = new URL('../../../../../shared/data/csl/', import.meta.url);
const officialPresent = existsSync(new URL('chicago-notes-bibliography.csl', OFFICIAL));
if (!officialPresent) console.warn('skipping the official Chicago style tests: ../shared/data/csl is absent');

describe.skipIf(!officialPresent)('user CSL styles: the official Chicago styles Zotero users pick', () => {
  // vitest runs a skipped describe's body to collect its tests: read nothing when ../shared is absent.
  const read = (name: string) => (officialPresent ? readFileSync(new URL(name, OFFICIAL), 'utf8') : '');
  const official = read('chicago-notes-bibliography.csl');
  const shortened = read('chicago-shortened-notes-bibliography.csl');
  // citeproc takes seconds to compile the 240 KB official style: compose once, check twice.
  const theirs = officialPresent ? composeBrief(BRIEF, library, { style: official }) : (null as never);

  it('renders Chicago 18th-edition notes and bibliography with the official full-notes style', () => {
    const c = theirs;
    expect(c.styleTitle).toMatch(/Chicago Manual of Style 18th edition \(notes and bibliography\)/);
    // CMOS 18 (14.29, 14.34): "et al." from three authors in notes; two authors joined with "and";
    // the newspaper name in italics; a short note is surname(s) + short title.
    expect(c.notes[0]?.html).toBe(
      'Ana Lopes and Ben Ode, “Two Harbours Closed after Storm Damage: Authorities Assess the Quays,” <i>Harbour Wire</i>, March 1, 2025, https://harbourwire.example/two-harbours-closed.',
    );
    expect(c.notes[2]?.text).toMatch(/; Lopes and Ode, “Two Harbours Closed\.”$/);
    expect(c.bibliography[0]?.text).toBe(
      'Lopes, Ana, and Ben Ode. “Two Harbours Closed after Storm Damage: Authorities Assess the Quays.” Harbour Wire, March 1, 2025. https://harbourwire.example/two-harbours-closed.',
    );
  });

  it('the team style agrees with the official style on every note and bibliography entry of this brief', () => {
    const ours = composeBrief(BRIEF, library);
    expect(ours.notes.map((n) => n.text)).toEqual(theirs.notes.map((n) => n.text));
    expect(ours.bibliography.map((b) => b.text)).toEqual(theirs.bibliography.map((b) => b.text));
  });

  it('the shortened-notes style makes even first notes short, with the full reference in the bibliography', () => {
    const c = composeBrief(BRIEF, library, { style: shortened });
    expect(c.notes[0]?.text).toBe('Lopes and Ode, “Two Harbours Closed.”');
    expect(c.bibliography).toHaveLength(3);
  });
});

describe('HTML export of untrusted workspace text', () => {
  it('escapes markup in titles, publishers and the brief itself', () => {
    const at = '2024-10-28T09:00:00.000Z' as IsoDateTime;
    const hostile = buildDocument({
      title: 'Evil <script>alert(1)</script> <img src=x onerror=alert(2)>',
      text: 'x',
      retrieved: at,
      published: at,
      publisher: 'Site <iframe src=x>',
      url: 'https://x.example/a',
    });
    const c = composeBrief(`# Title <script>alert(3)</script>\n\nA claim [@doc:${hostile.id}].\n`, {
      documents: new Map([[hostile.id, hostile]]),
      sources: new Map(),
      events: new Map(),
    });
    for (const mode of ['screen', 'print'] as const) {
      const html = briefHtml(c, mode);
      expect(html).not.toMatch(/<script|<img|<iframe/i);
      expect(html).toContain('&lt;script&gt;alert(3)');
    }
  });
});
