/**
 * Loads everything the Extractor needs from a Parallax data folder (the repository's data/ by
 * default) and builds it. This is the only module of the package that touches the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildCameoCodebook, type CameoCodebook, ParallaxError } from '@parallax/core';
import { readCompactActors, readCompactAgents, readCompactDiscards } from './dictionaries/compact-dictionary.ts';
import { buildDictionarySet, type DictionarySet } from './dictionaries/dictionary-set.ts';
import { readParallaxActorTable } from './dictionaries/parallax-actor-table.ts';
import { readVerbDictionary } from './dictionaries/verb-dictionary-reader.ts';
import { Gazetteer, type NaturalEarthAdmin1, type NaturalEarthCountryPoint } from './gazetteer/gazetteer.ts';
import { ParallaxExtractor } from './parallax-extractor.ts';

/** The repository's data/ folder, where the shipped dictionaries and gazetteer live. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

function reader(dataDir: string) {
  return (path: string): Buffer => {
    const full = join(dataDir, path);
    if (!existsSync(full)) {
      throw new ParallaxError(
        `extractor data file ${full} is missing (expected under the data folder ${dataDir})`,
        'unavailable',
      );
    }
    return readFileSync(full);
  };
}

/** The coding dictionaries as shipped: Phoenix (compact), CAMEO 2.0 verbs, Parallax's own additions. */
export function loadDictionaries(dataDir = DEFAULT_DATA_DIR): DictionarySet {
  const read = reader(dataDir);
  const text = (p: string) => read(p).toString('utf8');
  return buildDictionarySet({
    actors: [
      { origin: 'phoenix-countries', entries: readCompactActors(text('dictionaries/phoenix-countries.actors.tsv')) },
      {
        origin: 'phoenix-international',
        entries: readCompactActors(text('dictionaries/phoenix-international.actors.tsv')),
      },
      {
        origin: 'phoenix-milnonstate',
        entries: readCompactActors(text('dictionaries/phoenix-milnonstate.actors.tsv')),
      },
    ],
    agents: [
      ...readCompactAgents(text('dictionaries/phoenix.agents.tsv')),
      ...readCompactAgents(text('actors/agents.tsv')),
    ],
    // Parallax's supplement is read after CAMEO 2.0 in the same language (its synsets are CAMEO's).
    verbs: readVerbDictionary(`${text('dictionaries/CAMEO.2.0.txt')}\n${text('verbs/parallax.verbs.txt')}`),
    // Phoenix discards every sentence naming a year from 1914 to 2013 or saying "years ago"/"weeks
    // later" (to skip historical chronologies). Current reporting names past times all the time
    // ("issued warrants for a killing three years ago") and the time reader dates each claim, so
    // those entries are not used.
    discards: readCompactDiscards(text('dictionaries/phoenix.discards.tsv')).filter(
      (d) => !/^\d+$/.test(d.phrase) && !/^(\w+ )?(DAYS|WEEKS|MONTHS|YEARS) (AGO|LATER)$/.test(d.phrase),
    ),
    extraActors: readParallaxActorTable(
      text('actors/parallax-actors.json'),
      join(dataDir, 'actors/parallax-actors.json'),
    ),
    extraNames: text('actors/names.tsv')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => {
        const [name = '', of = ''] = line.split('\t');
        return { name: name.trim(), of: of.trim() };
      })
      .filter((e) => e.name !== '' && e.of !== ''),
  });
}

/** Tab-separated `code<TAB>value` lines after a header row (GDELT's lookup files). */
function pairs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const [k, v] = line.replace(/\r$/, '').split('\t');
    if (k && v !== undefined) out.set(k.trim(), v.trim());
  }
  return out;
}

/** The CAMEO codebook (labels, Goldstein scores, the CAMEO→PLOVER table), as core models it. */
export function loadCodebook(dataDir = DEFAULT_DATA_DIR): CameoCodebook {
  const read = reader(dataDir);
  const plover = new Map<string, { type: string; mode: string | null }>();
  for (const line of read('codebook/cameo2plover_2021.derived.csv').toString('utf8').split('\n').slice(1)) {
    const [code, type, mode] = line.split(',');
    if (code && type && !plover.has(code)) plover.set(code, { type, mode: mode || null });
  }
  const goldstein = new Map(
    [...pairs(read('gdelt/lookups/CAMEO.goldsteinscale.txt').toString('utf8'))].map(([k, v]) => [k, Number(v)]),
  );
  return buildCameoCodebook({
    labels: pairs(read('gdelt/lookups/CAMEO.eventcodes.txt').toString('utf8')),
    goldstein,
    plover,
  });
}

export function loadGazetteer(dataDir = DEFAULT_DATA_DIR): Gazetteer {
  const read = reader(dataDir);
  const points = JSON.parse(read('geo/ne_admin0_label_points.geojson').toString('utf8')) as {
    features: {
      geometry: { coordinates: [number, number] };
      properties: { cc: string | null; adm0_a3: string; name: string };
    }[];
  };
  return new Gazetteer({
    countryNames: read('gazetteer/country-names.tsv').toString('utf8'),
    countryPoints: points.features.map(
      (f): NaturalEarthCountryPoint => ({
        cc: f.properties.cc,
        adm0_a3: f.properties.adm0_a3,
        name: f.properties.name,
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
      }),
    ),
    admin1: JSON.parse(read('geo/ne_admin1_attributes.json').toString('utf8')) as NaturalEarthAdmin1[],
    cities: gunzipSync(read('gazetteer/cities.tsv.gz')).toString('utf8'),
  });
}

function loadSectorLabels(dataDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of reader(dataDir)('gdelt/lookups/CAMEO.type.txt').toString('utf8').split('\n').slice(1)) {
    const [code, label] = line.split('\t');
    if (code && label && !out.has(code.trim())) out.set(code.trim(), label.trim());
  }
  return out;
}

/**
 * Builds the Extractor from a data folder (≈1–2 s: dictionaries and gazetteer). A codebook already
 * loaded elsewhere (the runtime's reference data) can be passed in to share it.
 */
export function loadExtractor(options: { dataDir?: string; codebook?: CameoCodebook } = {}): ParallaxExtractor {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  return new ParallaxExtractor({
    dictionaries: loadDictionaries(dataDir),
    codebook: options.codebook ?? loadCodebook(dataDir),
    gazetteer: loadGazetteer(dataDir),
    sectorLabels: loadSectorLabels(dataDir),
  });
}
