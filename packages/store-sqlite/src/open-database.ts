import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { InvalidInputError } from '@parallax/core';
import Database from 'better-sqlite3';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';

const SQLITE_HEADER = 'SQLite format 3\u0000';
/** Page size of new workspaces (see `openDatabase`). */
export const NEW_PAGE_SIZE = 65_536;
const WAL_CHECKPOINT_BYTES = 64 * 2 ** 20;

/**
 * Opens (creating if needed) a workspace database and brings its schema up to date. Refuses files
 * that are not SQLite, SQLite files that belong to something else, and workspaces written by a newer
 * Parallax: each with a message naming the file.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Database.Database {
  const inMemory = path === ':memory:';
  if (!inMemory && existsSync(path)) {
    if (statSync(path).isDirectory()) throw new InvalidInputError(`${path}: is a directory, not a workspace database`);
    const header = Buffer.alloc(16);
    const fd = openSync(path, 'r');
    const read = readSync(fd, header, 0, 16, 0);
    closeSync(fd);
    if (read > 0 && header.toString('latin1') !== SQLITE_HEADER) {
      throw new InvalidInputError(`${path}: not a Parallax workspace (the file is not an SQLite database)`);
    }
  } else if (!inMemory && options.readonly) {
    throw new InvalidInputError(`${path}: no workspace database here (run \`parallax init\` first)`);
  }

  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new InvalidInputError(`${path}: cannot open workspace database (${(error as Error).message})`);
  }
  try {
    // A new workspace gets 64 KiB pages (SQLite's default is 4 KiB). Dataset slices are documents of
    // a few MB: with small pages each is a chain of hundreds of overflow pages, every one read,
    // checksummed and copied through the WAL on its own; 64 KiB pages cut the bulk writer's SQLite
    // time by about 40%. The size takes effect only before anything is written (or by a VACUUM), so
    // existing workspaces keep theirs; it is set before WAL mode, which fixes it.
    if (!options.readonly && isEmpty(db)) db.pragma(`page_size = ${NEW_PAGE_SIZE}`);
    if (!inMemory && !options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    // Ids are content hashes, so index inserts land on random pages; a cache of a few hundred MB (grown
    // only as used) keeps bulk imports from thrashing on the default 2 MB.
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    // Checkpoint every ~64 MB of WAL instead of every 4 MB: each checkpoint syncs the database file,
    // and a bulk import would otherwise sync after nearly every slice. The setting counts pages.
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`wal_autocheckpoint = ${Math.round(WAL_CHECKPOINT_BYTES / pageSize)}`);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number })
      .n;
    if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
      throw new InvalidInputError(`${path}: an SQLite database, but not a Parallax workspace`);
    }
    if (version > SCHEMA_VERSION) {
      throw new InvalidInputError(
        `${path}: written by a newer Parallax (schema ${version}; this version reads up to ${SCHEMA_VERSION})`,
      );
    }
    if (version < SCHEMA_VERSION) {
      if (options.readonly)
        throw new InvalidInputError(`${path}: needs a schema upgrade; open it once without --readonly`);
      migrate(db, version);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof InvalidInputError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new InvalidInputError(`${path}: the workspace database is damaged (${(error as Error).message})`);
    }
    throw error;
  }
}

/** Nothing written yet: no page of the file exists, so the page size can still be chosen. */
function isEmpty(db: Database.Database): boolean {
  return (db.pragma('page_count', { simple: true }) as number) === 0;
}

function migrate(db: Database.Database, from: number): void {
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      if (migration.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
