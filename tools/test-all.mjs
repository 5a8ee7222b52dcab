#!/usr/bin/env node
// `npm test`: lint, type-check, unit, integration (real mTLS + a real keychain where one can be
// started), build, end to end — in that order. Every step runs even if an earlier one failed, so one
// run shows everything; the exit code is non-zero if anything failed. Tests that need something
// this machine lacks are skipped with a reason (tests/support/skips.ts); the summary lists them as
// `M skipped: <reason>` lines, counted from vitest's reports. It ends with a plain line
// `N passed, N failed, N skipped` summed from the real results (CI reads that line).
//
// Results go to test-results/ (and test-results/summary.txt), or to test-results/<name>/ when
// TIPWB_RESULTS_SUBDIR=<name> is set, so a second run does not wipe the first one's results.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countSkips, mergeSkips, parseSkipRecord, skipLines } from './skip-summary.mjs';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const subdir = process.env.TIPWB_RESULTS_SUBDIR ?? '';
if (subdir !== '' && (!/^[\w.-]+$/.test(subdir) || /^\.+$/.test(subdir))) {
  console.error(`TIPWB_RESULTS_SUBDIR must be one folder name, not ${JSON.stringify(subdir)}`);
  process.exit(2);
}
const results = join(root, 'test-results', subdir);
rmSync(results, { recursive: true, force: true });
mkdirSync(join(results, 'skips'), { recursive: true });

const only = process.argv.slice(2); // e.g. `npm test -- unit e2e` runs just those steps
const keyring = join(root, 'tools', 'with-keyring.sh');

const vitest = (name, projects) => ({
  name,
  report: join(results, `${name}.json`),
  // Where tests/support/skips.ts records each skipping file's reason.
  skips: join(results, 'skips', `${name}.jsonl`),
  command: [
    bin('vitest'),
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, `${name}.json`)}`,
  ],
});

// The keychain tests need a Secret Service: such a step runs inside a private D-Bus session with an
// unlocked gnome-keyring. Without one (or without keytar) the keychain tests skip and say why.
const withKeyring = (step) => (existsSync(keyring) ? { ...step, command: ['bash', keyring, ...step.command] } : step);

const steps = [
  { name: 'lint', command: [bin('eslint'), '--max-warnings=0', '.'] },
  { name: 'types:shared', command: [bin('tsc'), '-p', 'tsconfig.shared.json', '--noEmit'] },
  { name: 'types:node', command: [bin('tsc'), '-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'types:web', command: [bin('vue-tsc'), '-p', 'tsconfig.web.json', '--noEmit'] },
  vitest('unit', ['shared', 'main', 'renderer']),
  withKeyring(vitest('integration', ['integration'])),
  { name: 'build', command: [bin('electron-vite'), 'build'] },
  // The credential import flow in the browser uses the real keychain too, when one answers.
  withKeyring(vitest('e2e', ['e2e'])),
];

const summary = { passed: 0, failed: 0, skipped: 0 };
const skipped = new Map(); // reason → tests skipped for it
const lines = [];
for (const step of steps) {
  const group = step.name.split(':')[0];
  if (only.length > 0 && !only.includes(step.name) && !only.includes(group)) continue;
  console.log(`\n━━ ${step.name} ━━ ${step.command.map((c) => c.replace(root + '/', '')).join(' ')}`);
  const started = Date.now();
  const env = step.skips ? { ...process.env, TIPWB_SKIPS_FILE: step.skips } : process.env;
  const run = spawnSync(step.command[0], step.command.slice(1), { cwd: root, stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const exited = run.status === 0;

  if (step.report) {
    const counts = readVitestReport(step.report, step.skips);
    if (counts) {
      mergeSkips(skipped, counts.byReason);
      summary.passed += counts.passed;
      summary.failed += counts.failed;
      summary.skipped += counts.skipped;
      // A crash outside any test (a failed import, say) counts as one failure.
      const extra = !exited && counts.failed === 0 ? 1 : 0;
      summary.failed += extra;
      lines.push(`${step.name.padEnd(14)} ${exited ? 'ok  ' : 'FAIL'} ${seconds.padStart(6)} s  ${counts.passed} passed, ${counts.failed + extra} failed, ${counts.skipped} skipped`);
      continue;
    }
    summary.failed += 1;
    lines.push(`${step.name.padEnd(14)} FAIL ${seconds.padStart(6)} s  (no report written)`);
    continue;
  }
  // Lint, type-check and build count as one check each.
  if (exited) summary.passed += 1;
  else summary.failed += 1;
  lines.push(`${step.name.padEnd(14)} ${exited ? 'ok  ' : 'FAIL'} ${seconds.padStart(6)} s`);
}

console.log('\n━━ summary ━━');
for (const line of lines) console.log(line);
// Each reason once, with how many tests it skipped over all steps.
const reasons = skipLines(skipped);
writeFileSync(join(results, 'skips.txt'), reasons.map((line) => `${line}\n`).join(''));
for (const line of reasons) console.log(line);
const closing = `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
writeFileSync(join(results, 'summary.txt'), `${closing}\n`);
console.log(closing);
process.exit(summary.failed > 0 ? 1 : 0);

function readVitestReport(path, skipsPath) {
  if (!existsSync(path)) return null;
  try {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    return {
      passed: report.numPassedTests ?? 0,
      failed: report.numFailedTests ?? 0,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
      byReason: countSkips(report, readSkipReasons(skipsPath), root),
    };
  } catch {
    return null;
  }
}

/** The reasons the step's test files recorded; an unreadable record leaves its skips without one. */
function readSkipReasons(path) {
  if (!existsSync(path)) return new Map();
  try {
    return parseSkipRecord(readFileSync(path, 'utf8'));
  } catch (error) {
    console.error(`skip reasons unreadable in ${path}: ${error.message}`);
    return new Map();
  }
}
