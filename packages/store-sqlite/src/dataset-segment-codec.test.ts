import { DATASET_TABLE_INT_COLUMNS, type DatasetClaimTable } from '@parallax/core';
import { datasetTableChunk } from '@parallax/testkit';
import { describe, expect, it } from 'vitest';
import { decodeSegment, encodeSegment, segmentHeaderJson } from './dataset-segment-codec.ts';

const tableOf = (records: number[], file?: string) => datasetTableChunk(records, file).table as DatasetClaimTable;

/** The header as the format defines it: JSON.stringify of these keys in this order. */
const plainHeader = (t: DatasetClaimTable) =>
  JSON.stringify({
    label: t.label,
    extractor: t.extractor,
    actors: t.actors,
    codingValues: t.codingValues,
    timeValues: t.timeValues,
    placeValues: t.placeValues,
  });

describe('dataset segment codec', () => {
  it("writes the header byte for byte as JSON.stringify does, from each value's cached JSON", () => {
    const first = tableOf([1, 2, 3, 4, 5, 6, 7, 8], 'first');
    expect(segmentHeaderJson(first)).toBe(plainHeader(first));
    // The same value objects in another slice (as a reader's caches hand them), in another order and
    // with odd strings: the cached JSON of each is reused and the header is still exact.
    const second: DatasetClaimTable = {
      ...tableOf([9, 10], 'second'),
      label: 'gdelt "quoted" \u2028 label',
      actors: [...first.actors].reverse(),
      codingValues: [first.codingValues[0] as DatasetClaimTable['codingValues'][number]],
      placeValues: [
        ...first.placeValues,
        {
          id: 'plc_x' as never,
          name: 'Zürich — "ü" \uD83D\uDE00',
          level: 'city',
          country: null,
          admin1: null,
          lat: 1.5,
          lon: -0,
        },
      ],
    };
    expect(segmentHeaderJson(second)).toBe(plainHeader(second));
    expect(segmentHeaderJson({ ...second, timeValues: [] })).toBe(plainHeader({ ...second, timeValues: [] }));
  });

  it('round-trips a table, whether its columns are their own arrays or views of a shared buffer', () => {
    const table = tableOf([100, 101, 102, 103, 104]);
    const n = table.length;
    const memory = new SharedArrayBuffer(4096);
    const shared: DatasetClaimTable = { ...table, records: new Float64Array(memory, 8, n) };
    shared.records.set(table.records);
    DATASET_TABLE_INT_COLUMNS.forEach((c, k) => {
      shared[c] = new Int32Array(memory, 64 + k * n * 4, n);
      shared[c].set(table[c]);
    });
    const plain = encodeSegment(table);
    const fromShared = encodeSegment(shared);
    expect(fromShared.records.equals(plain.records)).toBe(true);
    expect(fromShared.body.equals(plain.body)).toBe(true);
    // What is stored owns its bytes: the shared buffer can be reused.
    new Uint8Array(memory).fill(7);
    const back = decodeSegment(table.dataset, fromShared.records, fromShared.body, 'test');
    expect(back).toEqual({ ...table, actors: table.actors, records: Float64Array.from(table.records) });
    expect(plain.body.subarray(12, 12 + plain.body.readUInt32LE(8)).toString('utf8')).toBe(plainHeader(table));
  });
});
