// What an import stored, as one line per table: row count and a SHA-256 of the rows in order. Two
// imports of the same file that store the same data print the same digest, so a change to the
// import path can be shown to leave its output byte-identical (run it on main and on the branch).
// The time a document was retrieved is the one value that differs between runs; it is masked.
//
//   npx tsx scripts/bench/ingest-store-digest.ts <workspace-dir | parallax.db>
//   npx tsx scripts/bench/ingest-store-digest.ts --import <file.CSV> <workspace-dir>
//     (imports the file into a fresh workspace first, as `parallax import gdelt` does without
//     re-corroboration, then prints the digest)

import { createHash } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emptyImportSummary, importDatasetChunks } from '@parallax/app';
import { gdeltEventFileChunks, openWorkbench } from '@parallax/runtime';
import Database from 'better-sqlite3';

/** `"retrieved":"<ISO time>"` in a document's body: the wall-clock time of the import. */
const RETRIEVED = /"retrieved":"[^"]*"/g;

function feed(hash: ReturnType<typeof createHash>, value: unknown): void {
  // Each value tagged with its type and length, so row boundaries and NULL vs '' cannot collide.
  if (value === null) hash.update('N;');
  else if (typeof value === 'number' || typeof value === 'bigint') hash.update(`n${String(value)};`);
  else if (typeof value === 'string') {
    const s = value.replace(RETRIEVED, '"retrieved":"*"');
    hash.update(`s${Buffer.byteLength(s)}:`);
    hash.update(s);
  } else if (value instanceof Uint8Array) {
    hash.update(`b${value.byteLength}:`);
    hash.update(value);
  } else throw new Error(`unexpected value ${typeof value}`);
}

export function storeDigest(dbPath: string): { table: string; rows: number; sha256: string }[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.defaultSafeIntegers(true);
    const tables = (
      db
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as { name: string; sql: string }[]
    ).filter((t) => !/^CREATE VIRTUAL TABLE/i.test(t.sql));
    const out: { table: string; rows: number; sha256: string }[] = [];
    for (const { name } of tables) {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map(
        (c) => `"${c.name}"`,
      );
      // Ordered by every column: the digest is of what is stored, whatever order it was inserted in
      // (rowids are among the columns where a table declares them, so they are compared too).
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db
        .prepare(`SELECT ${columns.join(', ')} FROM "${name}" ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`)
        .raw()
        .iterate() as Iterable<unknown[]>) {
        rows++;
        hash.update(`r${row.length};`);
        for (const v of row) feed(hash, v);
      }
      out.push({ table: name, rows, sha256: hash.digest('hex') });
    }
    return out;
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let target = args[0];
  if (args[0] === '--import') {
    const [, file, dir] = args;
    if (!file || !dir) throw new Error('usage: ingest-store-digest.ts --import <file> <workspace-dir>');
    rmSync(dir, { recursive: true, force: true });
    const wb = await openWorkbench({ dir, create: true });
    const summary = await importDatasetChunks(wb, file, gdeltEventFileChunks(file, wb), emptyImportSummary());
    await wb.close();
    console.log(
      `import: read ${summary.read}, inserted ${summary.inserted}, duplicates ${summary.duplicates}, failed ${summary.failed}, files failed ${summary.failedFiles.length}`,
    );
    target = dir;
  }
  if (!target) {
    console.error('usage: ingest-store-digest.ts <workspace-dir | parallax.db> | --import <file> <workspace-dir>');
    process.exit(2);
  }
  const dbPath = existsSync(target) && statSync(target).isDirectory() ? join(target, 'parallax.db') : target;
  const digest = storeDigest(dbPath);
  for (const d of digest) console.log(`${d.table.padEnd(24)} ${String(d.rows).padStart(9)}  ${d.sha256}`);
  const all = createHash('sha256');
  for (const d of digest) all.update(`${d.table}:${d.rows}:${d.sha256};`);
  console.log(`${'all'.padEnd(24)} ${''.padStart(9)}  ${all.digest('hex')}`);
}
