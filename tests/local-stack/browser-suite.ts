// The pages' browser suite (tests/e2e, Playwright with Debian's Chromium) on the local stack: starts the stack
// the way `npm start` does, gives the specs a control handle for outages and rebuilds, runs them, stops it all.
// `npx tsx tests/local-stack/browser-suite.ts [playwright args]`; with STEP_RESULT_FILE set, writes the counts there.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startControlServer } from '../../local/stack/control-server';
import { startStack } from '../../local/stack/stack';

const REPO_ROOT = resolve(__dirname, '../..');
const IDLE_WINDOW_SECONDS = 30;

interface PlaywrightTest {
  status: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  results: Array<{ error?: { message?: string } }>;
}
interface PlaywrightSuite {
  title: string;
  specs?: Array<{ title: string; file: string; tests: PlaywrightTest[] }>;
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
}

/** Failed or flaky specs with the first line of their first error, for the test runner's closing summary. */
function failuresOf(suites: PlaywrightSuite[]): Array<{ name: string; message: string }> {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((t) => t.status === 'unexpected' || t.status === 'flaky')
        .map((t) => ({
          name: `${spec.file} › ${spec.title}${t.status === 'flaky' ? ' (flaky)' : ''}`,
          message: t.results.find((r) => r.error)?.error?.message ?? '',
        }))
    ),
    ...failuresOf(suite.suites ?? []),
  ]);
}

async function main(): Promise<number> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kl-browser-suite-'));
  const report = join(stateDir, 'playwright.json');
  const stack = await startStack(
    {
      stateDir,
      hostPort: 0,
      prometheusPort: 0,
      idleWindowSeconds: IDLE_WINDOW_SECONDS,
      trafficSeconds: 3600,
      examples: true,
    },
    (line) => console.error(line)
  );
  const control = await startControlServer(stack);
  try {
    const code = await new Promise<number>((done) => {
      const child = spawn(
        'npx',
        [
          'playwright',
          'test',
          '-c',
          'tests/e2e/playwright.config.ts',
          '--reporter=list,json',
          ...process.argv.slice(2),
        ],
        {
          cwd: REPO_ROOT,
          stdio: 'inherit',
          env: {
            ...process.env,
            GRAFANA_URL: stack.hostUrl,
            PROMETHEUS_URL: stack.prometheusUrl,
            E2E_CONTROL_URL: control.url,
            PLAYWRIGHT_JSON_OUTPUT_NAME: report,
          },
        }
      );
      child.on('exit', (c) => done(c ?? 1));
    });
    const result = JSON.parse(readFileSync(report, 'utf8')) as PlaywrightReport;
    const stats = result.stats;
    const failed = stats.unexpected + stats.flaky;
    console.log(`browser suite: ${stats.expected} passed, ${failed} failed`);
    if (process.env.STEP_RESULT_FILE) {
      writeFileSync(
        process.env.STEP_RESULT_FILE,
        JSON.stringify({ passed: stats.expected, failed, failures: failuresOf(result.suites) })
      );
    }
    return code;
  } finally {
    await control.stop();
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`browser suite: ${error.stack ?? error.message}`);
    process.exit(1);
  }
);
