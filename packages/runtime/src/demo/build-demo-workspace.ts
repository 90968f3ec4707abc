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
import { buildSource, type Reliability, type SourceKind } from '@parallax/core';
import { readGdeltExport } from '@parallax/ingest';
import { readDocumentFile } from '../document-files.ts';
import { createExtractor } from '../extractor.ts';
import { updateWorkspaceSettings, type Workbench } from '../workspace.ts';

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
  /** What produced the claims (the extractor's name). */
  extractor: string;
}

/**
 * Builds the demo workspace from data/demo (documents the team wrote about the first case) and the
 * real GDELT sample, running the product's own pipeline: the documents' claims come from the
 * extractor, as they would for any document a user ingests.
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

  const extractor = workbench.extractor ?? createExtractor(workbench.reference);
  step('extracting claims and storing documents');
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

  // The case's title and the span the workbench opens on (the GDELT sample is from another year).
  const settingsPath = join(demoDir, 'workspace.json');
  if (existsSync(settingsPath)) {
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as { title?: string; view?: string };
    updateWorkspaceSettings(workbench.dir, { title: settings.title ?? null, view: settings.view ?? null });
  }
  return { documents, gdelt, events: events.events, extractor: extractor.name };
}
