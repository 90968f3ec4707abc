/**
 * PLOVER type and mode of a CAMEO code from the codebook, with two additions: the 2021 CAMEO→PLOVER
 * table drops CAMEO 02x (appeals), which PLOVER's REQUEST covers ("appeal, request"), so 02x maps
 * there; and a code the table does not list (CAMEO 176, cyber attack, came after it) takes the
 * type of its parent in CAMEO's hierarchy (176 → 170, coerce), without a mode.
 */
import type { CameoCodebook, PloverType } from '@parallax/core';

export function ploverOf(codebook: CameoCodebook, code: string): { type: PloverType; mode: string | null } | null {
  const entry = codebook.lookup(code);
  if (entry?.plover) return entry.plover;
  if (/^02\d{0,2}$/.test(code)) return { type: 'REQUEST', mode: null };
  if (entry === null || entry === undefined) {
    for (const parent of [code.slice(0, 3), `${code.slice(0, 2)}0`]) {
      if (parent === code || parent.length < 3) continue;
      const p = codebook.lookup(parent)?.plover;
      if (p) return { type: p.type, mode: null };
    }
  }
  return null;
}
