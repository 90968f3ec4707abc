import { readFileSync } from 'node:fs';
import { loadBriefLibrary } from '@parallax/app';
import { type ComposedBrief, checkCslStyle, citedKeys, composeBrief } from '@parallax/briefs';
import { InvalidInputError } from '@parallax/core';
import type { Workbench } from './workspace.ts';

/** Composes a brief's Markdown against the workspace: its keys resolved, cited through a CSL style. */
export async function composeBriefInWorkspace(
  workbench: Workbench,
  markdown: string,
  options: { style?: string | null } = {},
): Promise<ComposedBrief> {
  const data = await loadBriefLibrary(workbench.store, citedKeys(markdown));
  return composeBrief(
    markdown,
    {
      documents: new Map(data.documents.map((d) => [d.id, d])),
      sources: new Map(data.sources.map((s) => [s.id, s])),
      events: new Map(data.events.map((e) => [e.id, e])),
    },
    options.style ? { style: options.style } : {},
  );
}

/** Reads a user's CSL style file, with errors that name it. */
export function readCslStyleFile(path: string): string {
  let xml: string;
  try {
    xml = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidInputError(`${path}: no such style file`);
  }
  checkCslStyle(xml, path);
  return xml;
}
