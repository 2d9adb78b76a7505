// `npm test`: build, typecheck, lint, then every test suite of every workspace. Runs all steps even when one
// fails, prints a per-step table and a closing "N passed, N failed" line, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'kl-test-'));
const only = process.argv.slice(2);
const MAX_FAILURE_LINES = 20;
const MESSAGE_CHARS = 240;

function goModules() {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.') || name === 'dist') {
        continue;
      }
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (name === 'go.mod') {
        found.push(dir);
      }
    }
  };
  for (const top of ['tests', 'pkg-operator']) {
    if (existsSync(join(root, top))) {
      walk(join(root, top));
    }
  }
  return found.filter((dir) => readdirSync(dir).some((f) => f.endsWith('_test.go')));
}

const jestStep = (name, args, cwd = root) => ({ name, kind: 'jest', cmd: ['npx', 'jest', ...args], cwd });
const steps = [
  { name: 'build', kind: 'plain', cmd: ['npm', 'run', 'build'] },
  { name: 'typecheck', kind: 'plain', cmd: ['npm', 'run', 'typecheck'] },
  { name: 'lint', kind: 'plain', cmd: ['npm', 'run', 'lint'] },
  jestStep('frontend', ['--maxWorkers', '2']),
  jestStep('contract, rules, backend, local, tests', [
    '-c',
    'jest.node.config.js',
    '--maxWorkers',
    '2',
    '--testPathIgnorePatterns',
    '/tests/local-stack/',
  ]),
  jestStep('pkg-operator', ['-c', 'jest.config.js', '--maxWorkers', '2'], join(root, 'pkg-operator')),
  // the whole stack of `npm start`, alone: it runs every part at once and must not compete with the other suites
  jestStep('local stack (npm start)', ['-c', 'jest.node.config.js', '--runInBand', 'tests/local-stack']),
  {
    name: 'browser: the pages on the local stack',
    kind: 'counted',
    cmd: ['npx', 'tsx', 'tests/local-stack/browser-suite.ts'],
  },
  ...goModules().map((dir) => ({
    name: `go test ${relative(root, dir)}`,
    kind: 'go',
    cmd: ['go', 'test', '-count=1', '-v', './...'],
    cwd: dir,
  })),
].filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)));

const results = [];
for (const step of steps) {
  const started = Date.now();
  const out = join(tmp, `${results.length}.json`);
  const cmd = step.kind === 'jest' ? [...step.cmd, '--json', `--outputFile=${out}`] : step.cmd;
  const env = step.kind === 'counted' ? { ...process.env, STEP_RESULT_FILE: out } : process.env;
  console.log(`\n=== ${step.name}: ${cmd.join(' ')}`);
  const run = spawnSync(cmd[0], cmd.slice(1), {
    cwd: step.cwd ?? root,
    stdio: step.kind === 'go' ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  let passed = 0;
  let failed = 0;
  let failures = [];
  if (step.kind === 'jest' && existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
    failures = jestFailures(report);
  } else if (step.kind === 'counted' && existsSync(out)) {
    ({ passed, failed, failures = [] } = JSON.parse(readFileSync(out, 'utf8')));
  } else if (step.kind === 'go') {
    process.stdout.write(run.stdout ?? '');
    passed = (run.stdout.match(/^\s*--- PASS/gm) ?? []).length;
    failed = (run.stdout.match(/^\s*--- FAIL/gm) ?? []).length;
    failures = [...run.stdout.matchAll(/^\s*--- FAIL: (\S+)/gm)].map((m) => ({ name: m[1], message: '' }));
  } else {
    passed = run.status === 0 ? 1 : 0;
  }
  if (run.status !== 0 && failed === 0) {
    failed = 1;
  }
  results.push({
    name: step.name,
    ok: run.status === 0,
    passed,
    failed,
    failures,
    seconds: (Date.now() - started) / 1000,
  });
}

/** Failed tests (and suites that failed to run) of a jest JSON report, with the first line of their message. */
function jestFailures(report) {
  return report.testResults.flatMap((suite) => {
    const file = relative(root, suite.name);
    const tests = suite.assertionResults
      .filter((a) => a.status === 'failed')
      .map((a) => ({ name: `${file} › ${a.fullName}`, message: a.failureMessages[0] ?? '' }));
    return tests.length === 0 && suite.status === 'failed' ? [{ name: file, message: suite.message }] : tests;
  });
}

/** One line per failure, so the last lines of a long CI log still say what failed and why. */
function failureLine(step, failure) {
  const plain = failure.message.replace(/\u001b\[[0-9;]*m/g, '');
  const firstLine = plain.split('\n').find((l) => l.trim() !== '') ?? '';
  return `FAIL [${step}] ${failure.name}${firstLine ? `: ${firstLine.trim().slice(0, MESSAGE_CHARS)}` : ''}`;
}

console.log('\n=== summary');
for (const r of results) {
  console.log(
    `${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(40)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed ${r.seconds.toFixed(1).padStart(7)}s`
  );
}
const failureLines = results.flatMap((r) => r.failures.map((f) => failureLine(r.name, f)));
if (failureLines.length > 0) {
  console.log('\n=== failures');
  failureLines.slice(0, MAX_FAILURE_LINES).forEach((l) => console.log(l));
  if (failureLines.length > MAX_FAILURE_LINES) {
    console.log(`… and ${failureLines.length - MAX_FAILURE_LINES} more (above)`);
  }
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) && results.length > 0 ? 0 : 1);
