import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkBriefClaims, workspacePages } from '@parallax/app';
import {
  type BriefCheckReport,
  type BriefDraft,
  buildCheckReport,
  draftDate,
  lintCitations,
  lintLanguage,
  MAX_DRAFT_BYTES,
  readDraft,
} from '@parallax/briefs';
import { InvalidInputError, type IsoDateTime } from '@parallax/core';
import type { Workbench } from './workspace.ts';

/**
 * Checks a draft brief against the workspace: its factual claims against the events (when an
 * extractor is configured), its citations against each other and against the pages the workspace
 * holds, and its estimative language against ICD 203.
 */
export async function checkBriefDraft(workbench: Workbench, draft: BriefDraft): Promise<BriefCheckReport> {
  const pages = await pagesOf(workbench);
  const citations = lintCitations(draft, { pages });
  const language = lintLanguage(draft);
  const extractor = workbench.extractor;
  if (!extractor) {
    return buildCheckReport(draft, {
      claims: [],
      citations,
      language,
      extractor: null,
      note: 'no extractor is configured for this workspace, so claims were not checked against its events',
    });
  }
  const dated = draftDate(draft.body);
  const claims = await checkBriefClaims(
    { store: workbench.store, extractor },
    {
      name: draft.name,
      text: draft.prose,
      published: dated ? (`${dated.iso}T00:00:00.000Z` as IsoDateTime) : null,
      retrieved: workbench.clock.now(),
    },
  );
  return buildCheckReport(draft, { claims, citations, language, extractor: extractor.name });
}

const pageCache = new WeakMap<Workbench, { documents: number; pages: Awaited<ReturnType<typeof workspacePages>> }>();

/**
 * The workspace's pages (URL + title), read once and again only when the document count changes:
 * the editor re-checks a draft on every pause in typing, and documents are immutable.
 */
async function pagesOf(workbench: Workbench): Promise<Awaited<ReturnType<typeof workspacePages>>> {
  const documents = (await workbench.store.info()).counts.documents;
  const cached = pageCache.get(workbench);
  if (cached && cached.documents === documents) return cached.pages;
  const pages = await workspacePages(workbench.store);
  pageCache.set(workbench, { documents, pages });
  return pages;
}

/** Reads a draft file (Markdown, text, HTML, PDF) with errors that name it. */
export async function readDraftFile(path: string): Promise<BriefDraft> {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InvalidInputError(`${path}: is a folder, not a draft file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(`${path}: no such file`);
  }
  if (size > MAX_DRAFT_BYTES) throw new InvalidInputError(`${path}: over the 20 MB limit for a draft`);
  return readDraft({ name: basename(path), bytes: readFileSync(path) });
}

/** Checks a draft without a workspace: citations and language only, and the report says so. */
export function checkBriefAlone(draft: BriefDraft): BriefCheckReport {
  return buildCheckReport(draft, {
    claims: [],
    citations: lintCitations(draft),
    language: lintLanguage(draft),
    extractor: null,
    note: 'no workspace: claims were not checked (run with --workspace to check them against its events)',
  });
}

/** Whether a folder holds a Parallax workspace (without opening or creating one). */
export function hasWorkspace(dir: string): boolean {
  return existsSync(join(dir, 'workspace.json'));
}
