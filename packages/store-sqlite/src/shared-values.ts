import type { DatasetClaimTable } from '@parallax/core';

const LISTS = ['actors', 'codingValues', 'timeValues', 'placeValues'] as const;
type ListName = (typeof LISTS)[number];

/** A table as it crosses to the writer thread: its shared values as numbers into `SharedValues`. */
export interface InternedValues {
  /** The receiver forgets every value it holds before taking `fresh`. */
  reset: boolean;
  /** Values the receiver has not seen, numbered on from what it holds. */
  fresh: unknown[];
  refs: Record<ListName, Int32Array>;
}

/**
 * Shared values (actors, codings, days, places) sent once per import instead of once per slice.
 * Readers hand the same object for the same value from slice to slice, so values are known by
 * identity, and a slice's tables cross to the writer thread as numbers plus the few values new to
 * it: structured-cloning thousands of small objects per slice cost the importing thread more than
 * reading the rows' actors. Both sides forget everything past `limit` values, so memory stays flat.
 */
export class SharedValueSender {
  private readonly known = new Map<unknown, number>();
  private resetNext = false;

  constructor(private readonly limit = 200_000) {}

  /** The table without its values, and what the receiver needs to restore them. */
  intern(table: DatasetClaimTable): { table: DatasetClaimTable; values: InternedValues } {
    let unknown = 0;
    for (const list of LISTS) for (const v of table[list]) if (!this.known.has(v)) unknown++;
    if (this.known.size > 0 && this.known.size + unknown > this.limit) {
      this.known.clear();
      this.resetNext = true;
    }
    const fresh: unknown[] = [];
    const refs = {} as Record<ListName, Int32Array>;
    for (const list of LISTS) {
      const values: readonly unknown[] = table[list];
      const out = new Int32Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        let n = this.known.get(v);
        if (n === undefined) {
          n = this.known.size;
          this.known.set(v, n);
          fresh.push(v);
        }
        out[i] = n;
      }
      refs[list] = out;
    }
    const values: InternedValues = { reset: this.resetNext, fresh, refs };
    this.resetNext = false;
    return {
      table: { ...table, actors: [], codingValues: [], timeValues: [], placeValues: [] },
      values,
    };
  }
}

/** The writer thread's side of `SharedValueSender`. */
export class SharedValueReceiver {
  private values: unknown[] = [];

  restore(table: DatasetClaimTable, interned: InternedValues): DatasetClaimTable {
    if (interned.reset) this.values = [];
    for (const v of interned.fresh) this.values.push(v);
    const pick = (list: ListName) => Array.from(interned.refs[list], (n) => this.values[n]);
    return {
      ...table,
      actors: pick('actors') as DatasetClaimTable['actors'],
      codingValues: pick('codingValues') as DatasetClaimTable['codingValues'],
      timeValues: pick('timeValues') as DatasetClaimTable['timeValues'],
      placeValues: pick('placeValues') as DatasetClaimTable['placeValues'],
    };
  }
}
