import { fileURLToPath } from 'node:url';

/**
 * The repository's `data/` folder: reference data shipped with Parallax. Overridable with
 * PARALLAX_DATA for installations that keep it elsewhere.
 */
export function dataDir(): string {
  const fromEnv = process.env.PARALLAX_DATA;
  if (fromEnv) return fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`;
  return fileURLToPath(new URL('../../../data/', import.meta.url));
}
