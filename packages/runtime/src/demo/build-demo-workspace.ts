import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type DatasetFile,
  type ImportSummary,
  type IngestSummary,
  importDatasetFiles,
  ingestDocuments,
  recorroborate,
} from '@parallax/app';
import { buildSource, type DocumentId, type Extractor, type Reliability, type SourceKind } from '@parallax/core';
import { readGdeltExport } from '@parallax/ingest';
import { readDocumentFile } from '../document-files.ts';
import type { Workbench } from '../workspace.ts';
import { createFixtureExtractor, type FixtureClaim } from './fixture-extractor.ts';

interface Grade {
  domain: string;
  name: string;
  kind: SourceKind;
  country: string | null;
  reliability: Reliability;
  rationale: string;
}

export interface DemoSummary {
  documents: IngestSummary;
  gdelt: ImportSummary;
  events: number;
  /** What produced the claims: the real extractor's name or `demo-fixture`. */
  extractor: string;
}

/**
 * Builds the demo workspace from data/demo (documents the team wrote about the first case) and the
 * real GDELT sample. With no extractor configured, claims come from data/demo/claims.json through the
 * fixture extractor, labelled as hand-coded.
 */
export async function buildDemoWorkspace(
  workbench: Workbench,
  options: { onStep?: (message: string) => void; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoSummary> {
  const demoDir = join(workbench.reference.dir, 'demo');
  const docsDir = join(demoDir, 'documents');
  const step = options.onStep ?? (() => {});
  const files = existsSync(docsDir)
    ? readdirSync(docsDir)
        .filter((f) => /\.(md|markdown|txt)$/.test(f))
        .sort()
    : [];
  step(`reading ${files.length} demo documents`);
  const read = files.map((f) => ({ file: f, ...readDocumentFile(join(docsDir, f), workbench.clock) }));

  const gradesPath = join(demoDir, 'grades.json');
  if (existsSync(gradesPath)) {
    const grades = JSON.parse(readFileSync(gradesPath, 'utf8')) as Grade[];
    const sources = grades.map((g) =>
      buildSource({ name: g.name, domain: g.domain, kind: g.kind, country: g.country }),
    );
    await workbench.store.apply({
      sources,
      grades: grades.map((g, i) => ({
        sourceId: sources[i]?.id as never,
        reliability: g.reliability,
        rationale: g.rationale,
      })),
    });
  }

  let extractor: Extractor | null = workbench.extractor;
  const claimsPath = join(demoDir, 'claims.json');
  if (!extractor && existsSync(claimsPath)) {
    const fixtures = (JSON.parse(readFileSync(claimsPath, 'utf8')) as { claims: FixtureClaim[] }).claims;
    const documentFiles = new Map<DocumentId, string>(read.map((r) => [r.document.id, r.file]));
    extractor = createFixtureExtractor(fixtures, documentFiles, workbench.reference.codebook);
  }
  step('storing documents and claims');
  const documents = await ingestDocuments(
    { store: workbench.store, clock: workbench.clock, extractor },
    read.map(({ document, source }) => ({ document, source })),
    { corroborate: false, ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
  );

  step('importing the GDELT sample');
  const gdeltPath = join(workbench.reference.dir, 'gdelt', 'samples', '20180326044500.export.CSV');
  const gdeltFiles: DatasetFile[] = existsSync(gdeltPath)
    ? [
        readGdeltExport(
          readFileSync(gdeltPath, 'utf8'),
          {
            name: basename(gdeltPath),
            url: 'http://data.gdeltproject.org/gdeltv2/20180326044500.export.CSV.zip',
            retrieved: workbench.clock.now(),
          },
          workbench.reference.gdeltContext(),
        ),
      ]
    : [];
  const gdelt = await importDatasetFiles(workbench, gdeltFiles, { corroborate: false });

  step('weighing claims into events');
  const events = await recorroborate(workbench);
  return { documents, gdelt, events: events.events, extractor: extractor?.name ?? 'none' };
}
