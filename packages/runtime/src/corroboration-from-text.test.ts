// Corroboration from short texts through the whole pipeline — the product's extractor reading them,
// ingest storing them, re-weighing after each — rather than from hand-built claims.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestDocuments } from '@parallax/app';
import type { IsoDateTime } from '@parallax/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocumentFile } from './document-files.ts';
import { openWorkbench } from './workspace.ts';

const dir = mkdtempSync(join(tmpdir(), 'parallax-text-corroboration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = { now: () => '2031-03-10T00:00:00.000Z' as IsoDateTime };

function note(name: string, publisher: string, url: string, published: string, text: string): string {
  const path = join(dir, `${name}.md`);
  writeFileSync(
    path,
    `---\ntitle: ${name}\npublisher: ${publisher}\nurl: ${url}\npublished: ${published}\n---\n${text}\n`,
  );
  return path;
}

describe('corroboration from short texts, through the extractor', () => {
  it("two states reporting independently confirm; the accused state's denial is recorded, not counted", async () => {
    const wb = await openWorkbench({ dir: join(dir, 'ws'), create: true, clock });
    const extractor = wb.extractor;
    if (!extractor) throw new Error('the workbench has no extractor');
    const arrive = async (path: string) => {
      const read = readDocumentFile(path, clock);
      await ingestDocuments({ store: wb.store, clock, extractor }, [{ document: read.document, source: read.source }]);
    };
    const deployment = async () => {
      const page = await wb.store.listEvents({ ploverTypes: ['MOBILIZE'], admin1: ['BY-HR'] }, { limit: 10 });
      expect(page.items).toHaveLength(1);
      return page.items[0];
    };

    await arrive(
      note(
        'lithuania',
        'Ministry of National Defence of Lithuania',
        'https://kam.lt/en/statement-troops-grodno',
        '2031-03-04T09:00:00Z',
        'The Lithuanian defence ministry said on Tuesday that Belarus deployed 5,000 troops to the Grodno region on 3 March.',
      ),
    );
    // One line from an ungraded source (F): nothing to judge it by, so 6, not "bad".
    expect(await deployment()).toMatchObject({ status: 'reported', credibility: 6 });

    await arrive(
      note(
        'poland',
        'Ministry of National Defence of Poland',
        'https://www.gov.pl/web/national-defence/belarus-grodno',
        '2031-03-04T11:00:00Z',
        "Poland's defence ministry said Belarus deployed about 5,000 soldiers to the Grodno region on 3 March.",
      ),
    );
    const confirmed = await deployment();
    expect(confirmed).toMatchObject({ status: 'confirmed', credibility: 1 });
    expect(confirmed?.origins.map((o) => [o.kind, o.lineage]).sort()).toEqual([
      ['speaker', 'state:LTU'],
      ['speaker', 'state:POL'],
    ]);

    await arrive(
      note(
        'belarus',
        'Ministry of Foreign Affairs of Belarus',
        'https://mfa.gov.by/en/press/comment-grodno',
        '2031-03-05T08:00:00Z',
        'The Belarusian foreign ministry denied that Belarus deployed troops to the Grodno region on 3 March.',
      ),
    );
    // A party's denial stands as a contradiction record; it does not outweigh two independent lines.
    const denied = await deployment();
    expect(denied?.claimIds).toHaveLength(3);
    expect(denied).toMatchObject({ status: 'confirmed', credibility: 1 });
    expect(denied?.contradictions.find((c) => c.kind === 'denial')).toMatchObject({
      standing: true,
      party: { lineage: 'state:BLR', interested: true },
    });
    await wb.close();
  }, 60_000);
});
