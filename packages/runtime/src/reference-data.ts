import { readFileSync } from 'node:fs';
import { buildCameoCodebook, type CameoCodebook, InvalidInputError } from '@parallax/core';
import { Admin1Locator, type GdeltContext } from '@parallax/ingest';
import { dataDir } from './data-paths.ts';

/** Reads a TSV with a header row into `first column → second column`. */
function readPairs(path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    const [k, v] = line.replace(/\r$/, '').split('\t');
    if (k && v !== undefined) out.set(k.trim(), v.trim());
  }
  return out;
}

export function loadCameoCodebook(dir = dataDir()): CameoCodebook {
  try {
    const plover = new Map<string, { type: string; mode: string | null }>();
    for (const line of readFileSync(`${dir}codebook/cameo2plover_2021.derived.csv`, 'utf8').split('\n').slice(1)) {
      const [code, type, mode] = line.split(',');
      // The table lists 175 twice with the same type; the first mode is kept.
      if (code && type && !plover.has(code)) plover.set(code, { type, mode: mode || null });
    }
    const goldstein = new Map(
      [...readPairs(`${dir}gdelt/lookups/CAMEO.goldsteinscale.txt`)].map(([k, v]) => [k, Number(v)]),
    );
    return buildCameoCodebook({ labels: readPairs(`${dir}gdelt/lookups/CAMEO.eventcodes.txt`), goldstein, plover });
  } catch (error) {
    throw new InvalidInputError(
      `reference data in ${dir}: cannot read the CAMEO codebook (${(error as Error).message})`,
    );
  }
}

/** Reference data, each part loaded on first use: the admin-1 polygons alone are 10 MB of GeoJSON. */
export class ReferenceData {
  private codebookCache: CameoCodebook | null = null;
  private locatorCache: Admin1Locator | null = null;
  private countries: Map<string, string> | null = null;
  private actorTypes: Map<string, string> | null = null;
  private fips: Map<string, string> | null = null;

  constructor(readonly dir: string = dataDir()) {}

  get codebook(): CameoCodebook {
    this.codebookCache ??= loadCameoCodebook(this.dir);
    return this.codebookCache;
  }

  get locator(): Admin1Locator {
    this.locatorCache ??= Admin1Locator.fromFile(`${this.dir}geo/ne_admin1.geojson`);
    return this.locatorCache;
  }

  countryName(iso3: string): string | null {
    if (!this.countries) {
      const geo = JSON.parse(readFileSync(`${this.dir}geo/ne_admin0_label_points.geojson`, 'utf8')) as {
        features: { properties: { adm0_a3: string; name: string } }[];
      };
      this.countries = new Map(geo.features.map((f) => [f.properties.adm0_a3, f.properties.name]));
    }
    return this.countries.get(iso3) ?? null;
  }

  actorTypeLabel(code: string): string | null {
    this.actorTypes ??= readPairs(`${this.dir}gdelt/lookups/CAMEO.type.txt`);
    const label = this.actorTypes.get(code);
    return label ? label.replace(/\b\w/g, (c) => c.toUpperCase()) : null;
  }

  /** ISO 3166-1 alpha-3 for a FIPS 10-4 code (data/gdelt/lookups/FIPS104-ISO3.tsv). */
  fipsToIso3(fips: string): string | null {
    this.fips ??= readPairs(`${this.dir}gdelt/lookups/FIPS104-ISO3.tsv`);
    return this.fips.get(fips) ?? null;
  }

  gdeltContext(): GdeltContext {
    return {
      codebook: this.codebook,
      locator: this.locator,
      countryName: (c) => this.countryName(c),
      actorTypeLabel: (c) => this.actorTypeLabel(c),
      fipsToIso3: (c) => this.fipsToIso3(c),
    };
  }
}
