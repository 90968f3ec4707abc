import { fileURLToPath } from 'node:url';

/** The repository's shipped data folder, for tests that read real data files. */
export const REPO_DATA = fileURLToPath(new URL('../../../data/', import.meta.url));
