import { join } from 'node:path';
import { InvalidInputError, type Store } from '@parallax/core';
import { openClickHouseStore } from '@parallax/store-clickhouse';
import { createSqliteStore } from '@parallax/store-sqlite';

/** The workspace's own SQLite file, used when no store URL is configured. */
export const WORKSPACE_DATABASE = 'parallax.db';

export interface WorkspaceStoreOptions {
  /** The workspace folder (its SQLite file is the default store). */
  dir: string;
  /**
   * Where the store lives: empty or `sqlite` for the workspace's file, or a
   * `clickhouse://host:port[,host:port…]/database[?cluster=name]` URL for the scale-out store.
   */
  url?: string | null;
  readonly?: boolean;
  /** SQLite only: answer event lists and aggregates with plain SQL instead of the analytical index. */
  analytics?: 'index' | 'sql';
}

/** PARALLAX_STORE, trimmed; null when unset or blank. */
export function resolveStoreUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.PARALLAX_STORE?.trim() || null;
}

/**
 * Opens the store a workspace is configured for. A ClickHouse store opened read-only only checks the
 * schema (it never creates or upgrades it), as a read-only SQLite file would refuse writes.
 */
export async function openWorkspaceStore(options: WorkspaceStoreOptions): Promise<Store> {
  const url = options.url?.trim() ?? '';
  if (url === '' || url === 'sqlite') {
    return createSqliteStore({
      path: join(options.dir, WORKSPACE_DATABASE),
      readonly: options.readonly ?? false,
      analytics: options.analytics ?? 'index',
    });
  }
  if (url.startsWith('clickhouse://')) {
    return openClickHouseStore({ url, migrate: !(options.readonly ?? false) });
  }
  throw new InvalidInputError(
    `PARALLAX_STORE ${JSON.stringify(url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@'))}: expected "sqlite" or a clickhouse:// URL ` +
      '(e.g. clickhouse://10.0.0.1:8123,10.0.0.2:8123/parallax?cluster=events)',
  );
}
