import { sha256Hex } from './sha256.ts';

/**
 * Hex characters kept from the SHA-256 in an id. 20 hex digits = 80 bits: the chance of any
 * collision among a billion ids is about 4e-7, while ids stay short enough to read and type.
 */
const ID_HEX_LENGTH = 20;

/**
 * A deterministic id: `<prefix>_<hash>` where the hash covers the given parts in order. Parts are
 * joined with a unit separator so ("ab","c") and ("a","bc") hash differently.
 */
export function contentId(prefix: string, ...parts: readonly (string | number | null | undefined)[]): string {
  const joined = parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('\u001f');
  return `${prefix}_${sha256Hex(joined).slice(0, ID_HEX_LENGTH)}`;
}
