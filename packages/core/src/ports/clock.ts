import type { IsoDateTime } from '../model/time.ts';

/** Time as a dependency, so every stage is deterministic under test. */
export interface Clock {
  now(): IsoDateTime;
}

/** A clock that always answers the same instant. */
export function fixedClock(at: IsoDateTime): Clock {
  return { now: () => at };
}
