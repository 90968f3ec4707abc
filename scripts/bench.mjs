// `npm run bench`: runs every scripts/bench/*.bench.ts (or a subset: `npm run bench -- store`), each
// of which prints one Markdown section, then rewrites docs/benchmarks.md with the machine and date.
// Benchmarks measure; they never assert. Quote medians and compare against a baseline in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const root = new URL('..', import.meta.url).pathname;
// `--render` only rebuilds docs/benchmarks.md from .bench/*.md (used by `npm run eval`, which writes its own section).
const renderOnly = process.argv.includes('--render');
const only = process.argv.slice(2).filter((a) => a !== '--render');
const benches = readdirSync(`${root}scripts/bench`)
  .filter((f) => f.endsWith('.bench.ts') && !renderOnly)
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
mkdirSync(`${root}.bench`, { recursive: true });
for (const file of benches) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.error(`\n▶ bench ${name}`);
  const r = spawnSync(
    'node',
    ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', `scripts/bench/${file}`],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    },
  );
  if (r.status !== 0) {
    console.error(`✖ ${name} failed (exit ${r.status})`);
    continue;
  }
  writeFileSync(`${root}.bench/${name}.md`, r.stdout);
  process.stdout.write(r.stdout);
}

// Sections from earlier runs are kept, so one benchmark can be re-run without losing the others: each
// section is written behind a `<!-- bench:NAME -->` marker, and sections not re-run now (no fresh
// .bench/NAME.md) are taken back from the committed docs/benchmarks.md.
const docPath = `${root}docs/benchmarks.md`;
const existing = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
const manual = existing.includes('<!-- manual -->') ? existing.slice(existing.indexOf('<!-- manual -->')) : '';
const committed = new Map();
for (const part of existing.split('<!-- bench:').slice(1)) {
  const end = part.indexOf(' -->');
  const body = part.slice(end + 4).split('<!-- manual -->')[0];
  committed.set(part.slice(0, end), body.trim());
}
const fresh = new Map(
  readdirSync(`${root}.bench`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => {
      const at = statSync(`${root}.bench/${f}`).mtime.toISOString().slice(0, 16).replace('T', ' ');
      return [f.replace(/\.md$/, ''), `${readFileSync(`${root}.bench/${f}`, 'utf8').trim()}\n\n_Measured ${at} UTC._`];
    }),
);
const sections = [...new Set([...committed.keys(), ...fresh.keys()])]
  .sort()
  .map((name) => `<!-- bench:${name} -->\n${fresh.get(name) ?? committed.get(name)}`);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = `# Benchmarks

Produced by \`npm run bench\` (scripts/bench/*.bench.ts). Figures are medians of repeated runs unless a
table says otherwise; each compares against a baseline measured in the same run.

Each section ends with when it was measured. Machine of the last run (${new Date().toISOString().slice(0, 10)}): ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM,
Node ${process.version}, ${os.platform()} ${os.release()}. The machine is shared, so expect some noise.
`;
writeFileSync(docPath, `${header}\n${sections.join('\n\n')}\n${manual ? `\n${manual}` : ''}`);
// Benches print plain tables; the repository's formatter (part of `npm test`) aligns them.
spawnSync('npx', ['biome', 'format', '--write', 'docs/benchmarks.md'], { cwd: root, stdio: 'ignore' });
console.error('\nwrote docs/benchmarks.md');
