// `npm test`: lint, typecheck, Vitest (unit, science, content), the production build, then Playwright in Chromium
// against the exported site. Every step runs even if an earlier one failed (except Playwright, which needs the
// build), and the last line is the total over Vitest and Playwright: `N passed, M failed`. A failed lint,
// typecheck or build step counts as one failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.CI ? '0' : '1' };
const resultsDir = 'tests/.results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

function step(name, command, args) {
  console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = result.status === 0;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numTotalTestSuites === 0 ? 1 : 0) };
}

function countPlaywright(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const s = report.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + (report.errors?.length ?? 0) };
}

if (!step('lint', 'npx', ['eslint', '.'])) failed += 1;
if (!step('typecheck', 'npx', ['tsc', '--noEmit'])) failed += 1;

const vitestOk = step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${resultsDir}/vitest.json`]);
const v = countVitest(`${resultsDir}/vitest.json`);
if (v) {
  passed += v.passed;
  failed += v.failed;
} else if (!vitestOk) failed += 1;

const built = step('build', 'npm', ['run', 'build']);
if (!built) {
  failed += 1;
} else {
  const pwOk = step('playwright', 'npx', ['playwright', 'test']);
  const p = countPlaywright(`${resultsDir}/playwright.json`);
  if (p) {
    passed += p.passed;
    failed += p.failed;
  } else if (!pwOk) failed += 1;
}

console.log('\n' + summary.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
