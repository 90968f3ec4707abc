/**
 * Converts the PETRARCH-2/Phoenix dictionaries (MIT) into the compact files shipped in
 * data/dictionaries, and copies the verb-pattern dictionary as is (the extractor reads its language
 * directly). Run when the source dictionaries change:
 *
 *   npm run build:dictionaries -w @parallax/extract [-- <petrarch2 dictionaries dir>]
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readActorDictionary } from '../src/dictionaries/actor-dictionary-reader.ts';
import { readAgentDictionary } from '../src/dictionaries/agent-dictionary-reader.ts';
import {
  writeCompactActors,
  writeCompactAgents,
  writeCompactDiscards,
} from '../src/dictionaries/compact-dictionary.ts';
import { readDiscardList } from '../src/dictionaries/discard-list-reader.ts';
import { readVerbDictionary } from '../src/dictionaries/verb-dictionary-reader.ts';

const repo = resolve(import.meta.dirname, '../../..');
const source = resolve(process.argv[2] ?? join(repo, '../shared/data/petrarch2/dictionaries'));
const target = join(repo, 'data/dictionaries');
if (!existsSync(source)) {
  console.error(`build-dictionaries: source folder ${source} not found (pass the petrarch2 dictionaries folder)`);
  process.exit(1);
}
mkdirSync(target, { recursive: true });
const read = (f: string) => readFileSync(join(source, f), 'utf8');

const actorFiles: [string, string][] = [
  ['Phoenix.Countries.actors.txt', 'phoenix-countries.actors.tsv'],
  ['Phoenix.International.actors.txt', 'phoenix-international.actors.tsv'],
  ['Phoenix.MilNonState.actors.txt', 'phoenix-milnonstate.actors.tsv'],
];
for (const [from, to] of actorFiles) {
  const entries = readActorDictionary(read(from));
  writeFileSync(join(target, to), writeCompactActors(entries, from));
  console.log(`${to}: ${entries.length} actors, ${entries.reduce((n, e) => n + e.names.length, 0)} names`);
}
const agents = readAgentDictionary(read('Phoenix.agents.txt'));
writeFileSync(join(target, 'phoenix.agents.tsv'), writeCompactAgents(agents, 'Phoenix.agents.txt'));
console.log(`phoenix.agents.tsv: ${agents.length} agent phrases`);
const discards = readDiscardList(read('Phoenix.discards.txt'));
writeFileSync(join(target, 'phoenix.discards.tsv'), writeCompactDiscards(discards, 'Phoenix.discards.txt'));
console.log(`phoenix.discards.tsv: ${discards.length} phrases`);

copyFileSync(join(source, 'CAMEO.2.0.txt'), join(target, 'CAMEO.2.0.txt'));
chmodSync(join(target, 'CAMEO.2.0.txt'), 0o644);
const verbs = readVerbDictionary(read('CAMEO.2.0.txt'));
console.log(
  `CAMEO.2.0.txt: ${verbs.blocks.length} blocks, ${verbs.blocks.reduce((n, b) => n + b.patterns.length, 0)} patterns, ${verbs.skipped.length} unreadable lines`,
);
for (const s of verbs.skipped) console.log(`  skipped line ${s.line}: ${s.reason}`);
