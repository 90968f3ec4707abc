import type { ClaimId } from './ids.ts';

/**
 * Coded datasets whose records carry whole-number ids, each with a fixed 4-hex tag. A claim made from
 * such a record gets an id built from the tag and the record number instead of a hash: the same row
 * always yields the same id whichever file or slice of a file it arrives in (so re-imports add
 * nothing), no hashing is spent on millions of rows, and ids of one file ascend, so a store's id
 * index grows at its end instead of at random pages.
 */
export const NUMBERED_DATASETS = {
  /** GDELT 2.0 events export: GLOBALEVENTID. */
  'gdelt-events': 'da01',
  /** UCDP Georeferenced Event Dataset: `id`. */
  'ucdp-ged': 'da02',
} as const;
export type NumberedDataset = keyof typeof NUMBERED_DATASETS;

const MAX_RECORD = 2 ** 53 - 1;

/**
 * `clm_<tag><record number as 16 hex digits>`: the same 20 hex digits as a hashed id. A hashed id
 * equals one of these only if 80 random bits happen to match a tag and a record number (odds of
 * about 2^-80 per pair), so the two kinds can share one id space.
 */
export function datasetClaimId(dataset: NumberedDataset, record: number): ClaimId {
  if (!Number.isSafeInteger(record) || record < 0 || record > MAX_RECORD) {
    throw new RangeError(`${dataset}: record id ${record} is not a whole number in range`);
  }
  return `clm_${NUMBERED_DATASETS[dataset]}${record.toString(16).padStart(16, '0')}` as ClaimId;
}

const DATASET_BY_TAG = new Map<string, NumberedDataset>(
  Object.entries(NUMBERED_DATASETS).map(([name, tag]) => [tag, name as NumberedDataset]),
);

/** The dataset and record number a `datasetClaimId` names; null for any other id. */
export function parseDatasetClaimId(id: string): { dataset: NumberedDataset; record: number } | null {
  if (id.length !== 24 || !id.startsWith('clm_da')) return null;
  const dataset = DATASET_BY_TAG.get(id.slice(4, 8));
  if (!dataset) return null;
  const hex = id.slice(8);
  if (!/^[0-9a-f]{16}$/.test(hex)) return null;
  const record = Number.parseInt(hex, 16);
  return Number.isSafeInteger(record) ? { dataset, record } : null;
}
