// `npm test`: lint, format check and typecheck, then every test suite, then one summary line
// (`N passed, N failed`) that CI reads; vitest's own summary is not machine-read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });

const checks = [
  ['lint + format', 'npx', ['biome', 'check', '.']],
  ['typecheck', 'npx', ['tsc', '-b', 'tsconfig.json']],
  ['typecheck tests', 'npx', ['tsc', '-p', 'tsconfig.tests.json']],
];
let checkFailures = 0;
for (const [name, cmd, args] of checks) {
  console.log(`\n▶ ${name}`);
  if (run(cmd, args).status !== 0) {
    console.error(`✖ ${name} failed`);
    checkFailures++;
  }
}

const report = `${root}vitest.json`;
rmSync(report, { force: true });
console.log('\n▶ tests');
const extra = process.argv.slice(2);
const vitest = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  // A suite that fails to load (syntax error, missing import) has no tests but must still fail the run.
  failed += (r.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
} else {
  failed += 1;
}
failed += checkFailures;
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
