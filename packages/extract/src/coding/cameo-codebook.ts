/**
 * What a CAMEO code means downstream: its PLOVER event type and mode (the 2021 CAMEO→PLOVER table),
 * its Goldstein score (GDELT's lookup), its quad class and its label.
 */
import { isPloverType, type PloverType, type QuadClass, quadClassOfCameo } from '@parallax/core';

export interface PloverCode {
  type: PloverType;
  mode: string | null;
}

export class CameoCodebook {
  private readonly plover = new Map<string, PloverCode>();
  private readonly goldstein = new Map<string, number>();
  private readonly labels = new Map<string, string>();

  /**
   * @param ploverTable data/codebook/cameo2plover_2021.derived.csv
   * @param goldsteinTable data/gdelt/lookups/CAMEO.goldsteinscale.txt
   * @param eventCodes data/gdelt/lookups/CAMEO.eventcodes.txt
   */
  constructor(ploverTable: string, goldsteinTable: string, eventCodes: string) {
    for (const line of ploverTable.split('\n').slice(1)) {
      const [code, event, mode] = line.split(',');
      if (!code || !event || !isPloverType(event) || this.plover.has(code)) continue;
      this.plover.set(code, { type: event, mode: mode ? mode : null });
    }
    for (const line of goldsteinTable.split('\n').slice(1)) {
      const [code, score] = line.split('\t');
      if (code && score !== undefined && score.trim() !== '') this.goldstein.set(code.trim(), Number(score));
    }
    for (const line of eventCodes.split('\n').slice(1)) {
      const [code, label] = line.split('\t');
      if (code && label) this.labels.set(code.trim(), label.trim());
    }
  }

  /** A real CAMEO code (the lookups know it), not a validation-suite placeholder. */
  isCameo(code: string): boolean {
    return this.labels.has(code);
  }

  /**
   * PLOVER type and mode of a CAMEO code, falling back to its parent codes. The 2021 table drops
   * CAMEO 01x (statements) and 02x (appeals); PLOVER's REQUEST covers appeals, so 02x maps there.
   */
  ploverOf(code: string): PloverCode | null {
    for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
      const hit = this.plover.get(c) ?? (c.length === 2 ? this.plover.get(`${c}0`) : undefined);
      if (hit) return hit;
    }
    if (code.startsWith('02')) return { type: 'REQUEST', mode: null };
    return null;
  }

  goldsteinOf(code: string): number | null {
    for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
      const g = this.goldstein.get(c);
      if (g !== undefined) return g;
    }
    return null;
  }

  quadClassOf(code: string): QuadClass | null {
    return quadClassOfCameo(code);
  }

  label(code: string): string | null {
    return this.labels.get(code) ?? null;
  }
}
