import type { Database } from 'better-sqlite3';
import type { FactsSnapshot } from './event-facts-index.ts';

interface SnapshotMeta {
  version: number;
  size: number;
  actorSize: number;
  dictionaries: FactsSnapshot['dictionaries'];
  columns: string[];
}

/** Loads the persisted analytical index and the data version it reflects, or null if there is none. */
export function readSnapshot(db: Database): { version: number; facts: FactsSnapshot } | null {
  const rows = db.prepare('SELECT part, data FROM facts_snapshot').all() as { part: string; data: Buffer }[];
  const parts = new Map(rows.map((r) => [r.part, r.data]));
  const metaBytes = parts.get('meta');
  if (!metaBytes) return null;
  const meta = JSON.parse(metaBytes.toString('utf8')) as SnapshotMeta;
  const columns = {} as FactsSnapshot['columns'];
  for (const name of meta.columns) {
    const data = parts.get(`col:${name}`);
    if (!data) return null;
    (columns as Record<string, Uint8Array>)[name] = aligned(data);
  }
  const actorIds = parts.get('actorIds');
  const actorRoles = parts.get('actorRoles');
  if (!actorIds || !actorRoles) return null;
  return {
    version: meta.version,
    facts: {
      size: meta.size,
      actorSize: meta.actorSize,
      dictionaries: meta.dictionaries,
      columns,
      actorIds: aligned(actorIds),
      actorRoles: aligned(actorRoles),
    },
  };
}

/** Replaces the persisted index in one transaction, so a reader never sees half of one. */
export function writeSnapshot(db: Database, facts: FactsSnapshot, version: number): void {
  const meta: SnapshotMeta = {
    version,
    size: facts.size,
    actorSize: facts.actorSize,
    dictionaries: facts.dictionaries,
    columns: Object.keys(facts.columns),
  };
  const insert = db.prepare('INSERT INTO facts_snapshot (part, data) VALUES (?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM facts_snapshot').run();
    insert.run('meta', Buffer.from(JSON.stringify(meta), 'utf8'));
    for (const [name, bytes] of Object.entries(facts.columns))
      insert.run(`col:${name}`, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    insert.run('actorIds', Buffer.from(facts.actorIds.buffer, facts.actorIds.byteOffset, facts.actorIds.byteLength));
    insert.run(
      'actorRoles',
      Buffer.from(facts.actorRoles.buffer, facts.actorRoles.byteOffset, facts.actorRoles.byteLength),
    );
  })();
}

/** Typed arrays need their byte offset aligned to the element size; Buffers from SQLite may not be. */
function aligned(data: Buffer): Uint8Array {
  const copy = new Uint8Array(new ArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}
