import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDraft } from '../draft/read-draft.ts';
import { lintLanguage } from '../language/lint-language.ts';
import { type CitationFinding, lintCitations } from './lint-citations.ts';

// The first-case brief is a real, copyrighted document: read from ../shared, never copied here.
const SEED = new URL('../../../../../shared/seeds/000_4cede90a4ddf42e4.txt', import.meta.url);
const present = existsSync(SEED);
if (!present) console.warn(`skipping the seed-brief tests: ${SEED.pathname} is absent (../shared not mounted)`);

async function seedFindings(pages: Parameters<typeof lintCitations>[1] = {}): Promise<CitationFinding[]> {
  const draft = await readDraft({ name: 'seed.txt', bytes: readFileSync(SEED) });
  return lintCitations(draft, pages);
}

const at = (findings: CitationFinding[], kind: CitationFinding['kind']) =>
  findings.filter((f) => f.kind === kind).map((f) => f.line);

describe.skipIf(!present)('brief check on the first-case brief (citation defects verified by reading it)', () => {
  it('reads it as Markdown with 10 notes (double-escaped <sup> labels) and an 11-entry bibliography', async () => {
    const draft = await readDraft({ name: 'seed.txt', bytes: readFileSync(SEED) });
    expect(draft.format).toBe('markdown');
    expect(draft.notes.map((n) => n.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    // Note 3's URL sits alone on line 27 and belongs to the note on line 25.
    expect(draft.notes[2]).toMatchObject({ line: 25, endLine: 27 });
    expect(draft.bibliography.map((b) => b.line)).toEqual([79, 83, 84, 88, 89, 93, 97, 98, 102, 103, 105]);
    expect(draft.noteReferences.map((r) => r.label)).toEqual(['1', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('finds the URLs broken by spaces and by underline markup', async () => {
    const broken = (await seedFindings()).filter((f) => f.kind === 'broken-url');
    // line 21: note 1 "news/article /ceddqkqzd5wo" — a space inside the path
    // line 39: note 4 "…a6b8d2c12de7ee2ab6716 d4747c9850e" — a space inside the AP id
    // line 41: note 5 "…sent-troops-t</u>o-russia/" — the underline ends inside the URL
    // line 61: note 8 "…south-korea-says-20 24-10-30/" — a space inside the date
    // line 86: Drummond "…russian-territ ory-13193173" — a space inside the slug
    // line 95: AP "…a6b8d 2c12de7ee…" — a space at another place than in note 4
    // line 100: the duplicate Drummond entry, same break
    // line 102: Garamone "…north-kor</u> <u>ea-has-sent…" — markup and a space
    expect(broken.map((f) => f.line)).toEqual([21, 39, 41, 61, 86, 95, 100, 102]);
    expect(broken.find((f) => f.line === 41)?.suggestion).toContain(
      'https://www.defense.gov/News/News-Stories/Article/Article/3943880/austin-confirms-north-korea-has-sent-troops-to-russia/',
    );
    expect(broken.find((f) => f.line === 102)?.message).toMatch(/markup and split by a space/);
    // Markdown escapes (`opinions\_230105.htm`, line 23) and whole-URL underlines (line 97) are not damage.
    expect(broken.map((f) => f.line)).not.toContain(23);
    expect(broken.map((f) => f.line)).not.toContain(97);
  });

  it('finds notes that disagree with their bibliography entries', async () => {
    const findings = await seedFindings();
    const mismatches = findings.filter((f) => f.kind === 'mismatch');
    // line 21 vs 88: note 1 has ".../news/article /ceddqkqzd5wo", the bibliography ".../news/articles/ceddqkqzd5wo"
    // line 57 vs 97: note 7 writes "NATO says", the bibliography "Nato says"
    expect(mismatches.map((f) => [f.line, f.related])).toEqual([
      [21, [88]],
      [57, [97]],
    ]);
    expect(mismatches[0]?.message).toContain('https://www.bbc.com/news/articles/ceddqkqzd5wo');
    expect(mismatches[1]?.message).toMatch(/NATO says.*Nato says/);
    // line 63 vs 103: Roth accessed October 27 in the note, November 10 in the bibliography
    // line 65 vs 105: Hassan accessed October 29 in the note, November 10 in the bibliography
    expect(findings.filter((f) => f.kind === 'access-date').map((f) => [f.line, f.related])).toEqual([
      [63, [103]],
      [65, [105]],
    ]);
  });

  it('finds the note never referenced, the duplicate entry and the bibliography order', async () => {
    const findings = await seedFindings();
    // line 23: note 2 (Rutte's doorstep statement) — the quotation on line 11 carries no marker 2
    expect(at(findings, 'unreferenced-note')).toEqual([23]);
    // line 98: Drummond's Sky News piece is listed a second time (first on line 84)
    expect(findings.filter((f) => f.kind === 'duplicate-entry').map((f) => [f.line, f.related])).toEqual([[98, [84]]]);
    // lines 98, 102, 103, 105: Drummond, Garamone, Roth and Hassan come after "Ukraine war…" (line 97)
    expect(at(findings, 'order')).toEqual([98, 102, 103, 105]);
    // every note's work is in the bibliography and every entry is cited
    expect(at(findings, 'missing-entry')).toEqual([]);
  });

  it('flags missing authors and n.d. dates as missing fields', async () => {
    const missing = (await seedFindings()).filter((f) => f.kind === 'missing-field');
    // lines 79 (NATO doorstep), 83 (EEAS), 97 (BBC "Ukraine war"): no author; 103, 105: HRW reports marked n.d.
    expect(missing.map((f) => f.line)).toEqual([79, 83, 97, 103, 105]);
    expect(missing.filter((f) => /n\.d\./.test(f.message)).map((f) => f.line)).toEqual([103, 105]);
  });

  it('flags the Reuters URL that names another story: by its words, and for certain when the workspace holds the page', async () => {
    // line 89: "US warns North Korea deployment could lengthen, broaden Ukraine war", but the URL's
    // slug is "north-korea-may-seek-russian-icbm-nuclear-weapons-technology-south-korea-says".
    const hint = (await seedFindings()).filter((f) => f.kind === 'title-url-mismatch');
    expect(hint.map((f) => [f.line, f.severity])).toEqual([[89, 'warning']]);
    const withPage = (
      await seedFindings({
        pages: [
          {
            url: 'https://www.reuters.com/world/north-korea-may-seek-russian-icbm-nuclear-weapons-technology-south-korea-says-2024-10-30/',
            title: 'North Korea may seek Russian ICBM, nuclear weapons technology, South Korea says',
            documentId: 'doc_test',
          },
        ],
      })
    ).filter((f) => f.kind === 'title-url-mismatch');
    expect(withPage.map((f) => [f.line, f.severity])).toEqual([[89, 'error']]);
    expect(withPage[0]?.message).toContain('doc_test');
  });

  it('flags the hedges with no likelihood band and the judgments with no basis', async () => {
    const draft = await readDraft({ name: 'seed.txt', bytes: readFileSync(SEED) });
    const language = lintLanguage(draft);
    // line 33: "might change…", "might improve…", "could increase…", "could lead…", "might strain…", no notes
    expect(language.filter((f) => f.kind === 'unmapped' && f.line === 33).map((f) => f.text)).toEqual([
      'might',
      'might',
      'could',
      'could',
      'might',
    ]);
    expect(language.filter((f) => f.kind === 'no-basis').map((f) => f.line)).toContain(33);
    // line 75: "The involvement of the North Korean military might spread the war" — no basis given
    expect(language.filter((f) => f.kind === 'no-basis').map((f) => f.line)).toContain(75);
    // line 35's sentences rest on notes 5 and 6: not flagged
    expect(language.filter((f) => f.line === 35)).toEqual([]);
  });
});
