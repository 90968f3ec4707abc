import { describe, expect, it } from 'vitest';
import { lintCitations } from '../citations/lint-citations.ts';
import { composeBrief } from '../compose/compose-brief.ts';
import { readDraft } from '../draft/read-draft.ts';
import { BRIEF, library } from '../test-fixtures/harbour-brief.ts';
import { exportDocx } from './docx-export.ts';

describe('DOCX export and DOCX drafts', () => {
  it('writes Word footnotes that read back as notes, markers and bibliography', async () => {
    const docx = await exportDocx(composeBrief(BRIEF, library));
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const draft = await readDraft({ name: 'brief.docx', bytes: docx });
    expect(draft.format).toBe('docx');
    expect(draft.title).toBe('Harbour closures');
    expect(draft.noteReferences.map((r) => r.label)).toEqual(['1', '2', '3', '4']);
    expect(draft.notes.map((n) => n.label)).toEqual(['1', '2', '3', '4']);
    expect(draft.notes[0]?.text).toBe(
      'Ana Lopes and Ben Ode, “Two Harbours Closed after Storm Damage: Authorities Assess the Quays,” Harbour Wire, March 1, 2025, https://harbourwire.example/two-harbours-closed.',
    );
    expect(draft.bibliography).toHaveLength(3);
    const findings = lintCitations(draft).filter((f) => f.severity !== 'info');
    expect(findings).toEqual([]);
  });

  it('names the file when it is not a DOCX', async () => {
    await expect(readDraft({ name: 'x.docx', bytes: new TextEncoder().encode('not a zip') })).rejects.toThrow(
      /x\.docx: not a readable DOCX file/,
    );
  });
});
