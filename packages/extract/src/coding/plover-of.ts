/**
 * PLOVER type and mode of a CAMEO code from the codebook, with one addition: the 2021 CAMEO→PLOVER
 * table drops CAMEO 02x (appeals), which PLOVER's REQUEST covers ("appeal, request"), so 02x maps there.
 */
import type { CameoCodebook, PloverType } from '@parallax/core';

export function ploverOf(codebook: CameoCodebook, code: string): { type: PloverType; mode: string | null } | null {
  const entry = codebook.lookup(code);
  if (entry?.plover) return entry.plover;
  if (/^02\d{0,2}$/.test(code)) return { type: 'REQUEST', mode: null };
  return null;
}
