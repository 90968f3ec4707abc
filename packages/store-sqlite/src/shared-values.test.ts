import { type DatasetClaimTable, datasetTableClaims } from '@parallax/core';
import { datasetTableChunk } from '@parallax/testkit';
import { describe, expect, it } from 'vitest';
import { SharedValueReceiver, SharedValueSender } from './shared-values.ts';

/** What crosses to the writer thread: a structured clone, as postMessage makes it. */
const cross = <T>(value: T): T => structuredClone(value);

describe('shared values between the importing and the writer thread', () => {
  it('restores every table exactly, sending each value once until the limit, then starting over', () => {
    const first = datasetTableChunk([1, 2, 3, 4, 5, 6], 'first');
    const firstTable = first.table as DatasetClaimTable;
    // The same value objects again in a second slice, as a reader's caches hand them.
    const second = { ...datasetTableChunk([7, 8, 9, 10], 'second') };
    const secondTable = { ...(second.table as DatasetClaimTable), actors: firstTable.actors.slice(0, 2) };
    secondTable.firstActors = secondTable.firstActors.map((i) => (i >= 0 ? i % 2 : -1));
    secondTable.secondActors = secondTable.secondActors.map((i) => (i >= 0 ? i % 2 : -1));

    const count = (t: DatasetClaimTable) =>
      t.actors.length + t.codingValues.length + t.timeValues.length + t.placeValues.length;
    // Room for both slices' values, not for a third slice's as well.
    const dry = new SharedValueSender(Number.MAX_SAFE_INTEGER);
    const sender = new SharedValueSender(
      dry.intern(firstTable).values.fresh.length + dry.intern(secondTable).values.fresh.length,
    );
    const receiver = new SharedValueReceiver();
    const a = sender.intern(firstTable);
    const b = sender.intern(secondTable);
    expect(a.values.reset).toBe(false);
    expect(b.values.fresh).not.toContain(firstTable.actors[0]);
    expect(b.values.reset).toBe(false);
    expect(b.values.fresh.length).toBeLessThanOrEqual(count(secondTable) - 2);
    const restoredA = receiver.restore(cross(a.table), cross(a.values));
    const restoredB = receiver.restore(cross(b.table), cross(b.values));
    expect(datasetTableClaims(restoredA, first.document)).toEqual(datasetTableClaims(firstTable, first.document));
    expect(datasetTableClaims(restoredB, second.document)).toEqual(datasetTableClaims(secondTable, second.document));

    // Past the limit both sides forget, and the next table carries all its values again.
    const third = datasetTableChunk([11, 12, 13, 14, 15, 16, 17, 18], 'third');
    const c = sender.intern(third.table as DatasetClaimTable);
    expect(c.values.reset).toBe(true);
    const restoredC = receiver.restore(cross(c.table), cross(c.values));
    expect(datasetTableClaims(restoredC, third.document)).toEqual(datasetChunkClaimsOf(third));
  });
});

function datasetChunkClaimsOf(chunk: ReturnType<typeof datasetTableChunk>) {
  return datasetTableClaims(chunk.table as DatasetClaimTable, chunk.document);
}
