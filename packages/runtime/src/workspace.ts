import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeZodError, eventFilterQuerySchema } from '@parallax/contract';
import { type Clock, type Extractor, InvalidInputError, type IsoDateTime, type Store } from '@parallax/core';
import { ContentArchive } from '@parallax/ingest';
import { createSqliteStore } from '@parallax/store-sqlite';
import { createExtractor } from './extractor.ts';
import { ReferenceData } from './reference-data.ts';
import { openWorkspaceStore, resolveStoreUrl, WORKSPACE_DATABASE } from './workspace-store.ts';

export const DEFAULT_WORKSPACE = './parallax-workspace';
const MANIFEST = 'workspace.json';

/** Wired adapters for one workspace: what every CLI command and the server work with. */
export interface Workbench {
  dir: string;
  store: Store;
  clock: Clock;
  /** The extractor ingest runs on new documents; null stores documents without claims. */
  extractor: Extractor | null;
  reference: ReferenceData;
  /** Original bytes of everything ingested, content-addressed under `<workspace>/archive`. */
  archive: ContentArchive;
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date().toISOString() as IsoDateTime };

/** `--workspace`, else PARALLAX_WORKSPACE, else ./parallax-workspace. */
export function resolveWorkspaceDir(flag?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag || env.PARALLAX_WORKSPACE || DEFAULT_WORKSPACE);
}

interface Manifest {
  format: 'parallax-workspace';
  version: 1;
  created: string;
  /** What the workspace is about, shown in the workbench's header. */
  title?: string;
  /** The view the workbench opens on when its URL names none: a filter query (`from=2024-06-01`). */
  view?: string;
}

/** A workspace's own settings, kept in its manifest. */
export interface WorkspaceSettings {
  title: string | null;
  view: string | null;
}

/** Reads a workspace's settings; null when there is no workspace. */
export function workspaceSettings(dir: string): WorkspaceSettings | null {
  const m = readManifest(resolve(dir));
  return m ? { title: m.title ?? null, view: m.view ?? null } : null;
}

/**
 * Changes a workspace's title or default view (null clears one). The view must be a filter query
 * the API accepts, so a typo is refused here rather than met as an error in the browser.
 */
export function updateWorkspaceSettings(dir: string, patch: Partial<WorkspaceSettings>): WorkspaceSettings {
  const path = join(resolve(dir), MANIFEST);
  const m = readManifest(resolve(dir));
  if (!m) throw new InvalidInputError(`${dir}: no Parallax workspace here (create one with \`parallax init ${dir}\`)`);
  const next: Manifest = { ...m };
  if (patch.title !== undefined) {
    const title = patch.title?.trim() ?? '';
    if (title.length > 200) throw new InvalidInputError(`title: at most 200 characters, got ${title.length}`);
    if (title) next.title = title;
    else delete next.title;
  }
  if (patch.view !== undefined) {
    const view = patch.view?.trim().replace(/^\?/, '') ?? '';
    if (view) {
      // Layout choices (which view, timeline stacking, network size) pass; filters must be valid.
      const filters = Object.fromEntries(
        [...new URLSearchParams(view)].filter(([k]) => !['view', 'stack', 'basis', 'weight', 'edges'].includes(k)),
      );
      const parsed = eventFilterQuerySchema.safeParse(filters);
      if (!parsed.success) throw new InvalidInputError(`view '${view}': ${describeZodError(parsed.error)}`);
      next.view = view;
    } else delete next.view;
  }
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(tmp, path);
  return { title: next.title ?? null, view: next.view ?? null };
}

function readManifest(dir: string): Manifest | null {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InvalidInputError(`${path}: not valid JSON; is this a Parallax workspace?`);
  }
  if ((parsed as Manifest)?.format !== 'parallax-workspace') {
    throw new InvalidInputError(`${path}: not a Parallax workspace manifest`);
  }
  return parsed as Manifest;
}

/** Creates a workspace (folder, manifest, database) if there is none; returns whether it did. */
export function initWorkspace(dir: string, clock: Clock = systemClock): { dir: string; created: boolean } {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new InvalidInputError(`${dir}: exists and is not a folder`);
  if (readManifest(dir)) return { dir, created: false };
  mkdirSync(dir, { recursive: true });
  const store = createSqliteStore({ path: join(dir, WORKSPACE_DATABASE) });
  void store.close();
  const manifest: Manifest = { format: 'parallax-workspace', version: 1, created: clock.now() };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, created: true };
}

export interface OpenOptions {
  dir: string;
  /** Create the workspace when it does not exist yet (writing commands); reading commands refuse. */
  create?: boolean;
  readonly?: boolean;
  /** Defaults to Parallax's extractor (loaded on first use); null stores documents without claims. */
  extractor?: Extractor | null;
  clock?: Clock;
  /** Answer event lists and aggregates with plain SQL instead of the analytical index. */
  analytics?: 'index' | 'sql';
  /**
   * The store: `sqlite` (the workspace's own file) or a `clickhouse://…` URL. Defaults to
   * PARALLAX_STORE, else SQLite. The workspace folder still holds the archive either way.
   */
  store?: string | null;
}

/** The composition root: turns a workspace folder and options into a wired Workbench. */
export async function openWorkbench(options: OpenOptions): Promise<Workbench> {
  const dir = resolve(options.dir);
  const clock = options.clock ?? systemClock;
  if (!readManifest(dir)) {
    if (!options.create)
      throw new InvalidInputError(`${dir}: no Parallax workspace here (create one with \`parallax init ${dir}\`)`);
    initWorkspace(dir, clock);
  }
  const store = await openWorkspaceStore({
    dir,
    url: options.store === undefined ? resolveStoreUrl() : options.store,
    readonly: options.readonly ?? false,
    analytics: options.analytics ?? 'index',
  });
  const reference = new ReferenceData();
  return {
    dir,
    store,
    clock,
    extractor: options.extractor === undefined ? createExtractor(reference) : options.extractor,
    reference,
    archive: new ContentArchive(join(dir, 'archive')),
    close: () => store.close(),
  };
}
