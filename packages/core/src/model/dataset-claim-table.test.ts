import { describe, expect, it } from 'vitest';
import { DATASET_TABLE_ROW_BYTES, DatasetClaimTableBuilder, newTableSlot } from './dataset-claim-table.ts';

const row = (b: DatasetClaimTableBuilder, record: number, value: object, slot = newTableSlot()) =>
  b.add(record, record, record + 1, -1, -1, b.index('actors', value, slot), -1, 0, -1, -1);

describe('DatasetClaimTableBuilder', () => {
  it('builds into given storage as views, and starts each new table fresh on reset', () => {
    const storage = new SharedArrayBuffer(DatasetClaimTableBuilder.storageBytes(4) + 100);
    expect(DatasetClaimTableBuilder.storageBytes(4)).toBe(4 * DATASET_TABLE_ROW_BYTES);
    const b = new DatasetClaimTableBuilder('gdelt-events', 'gdelt', 'x', 4, storage);
    const slot = newTableSlot();
    const actor = { id: 'a' };
    row(b, 10, actor, slot);
    row(b, 11, actor, slot);
    const first = b.build();
    expect(first.length).toBe(2);
    expect(first.records.buffer).toBe(storage);
    expect(Array.from(first.records)).toEqual([10, 11]);
    expect(Array.from(first.ends)).toEqual([11, 12]);
    expect(first.actors).toEqual([actor]);
    // A new table in other storage: the first keeps its columns and shared values.
    const other = new SharedArrayBuffer(DatasetClaimTableBuilder.storageBytes(4));
    b.reset(other);
    row(b, 20, actor, slot);
    const second = b.build();
    expect(second.records.buffer).toBe(other);
    expect(Array.from(second.firstActors)).toEqual([0]);
    expect(second.actors).toEqual([actor]);
    expect(second.actors).not.toBe(first.actors);
    expect(Array.from(first.records)).toEqual([10, 11]);
  });

  it('carries on in moved storage, and leaves storage behind once it outgrows it', () => {
    const storage = new ArrayBuffer(DatasetClaimTableBuilder.storageBytes(2));
    const b = new DatasetClaimTableBuilder('gdelt-events', 'gdelt', 'x', 2, storage);
    row(b, 1, { id: 'a' });
    const moved = new ArrayBuffer(storage.byteLength * 2);
    new Uint8Array(moved).set(new Uint8Array(storage));
    b.moveTo(moved);
    row(b, 2, { id: 'b' });
    expect(b.build().records.buffer).toBe(moved);
    row(b, 3, { id: 'c' });
    const grown = b.build();
    expect(grown.records.buffer).not.toBe(moved);
    expect(Array.from(grown.records)).toEqual([1, 2, 3]);
    expect(Array.from(grown.firstActors)).toEqual([0, 1, 2]);
    // Without storage: columns are copies trimmed to the table's length.
    const plain = new DatasetClaimTableBuilder('gdelt-events', 'gdelt', 'x', 8);
    row(plain, 5, { id: 'a' });
    expect(plain.build().records.length).toBe(1);
    expect(plain.build().records.buffer.byteLength).toBe(8);
  });
});
