// `npm start`'s process stops everything it started: on SIGTERM, and — through the watchdogs — when it is
// SIGKILLed. Every process of the stack inherits a marker in its environment, so leftovers can be found.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { stackProcesses } from '../../local/stack/stack-processes';
import { waitFor } from '../../local/support/wait-for';

const REPO_ROOT = resolve(__dirname, '../..');
const MARK = 'KNATIVE_LAMBDA_STACK_TEST_MARK';

interface StartedCli {
  child: ChildProcess;
  mark: string;
  ports: number[];
  stateDir: string;
  runDir: string;
  output: () => string;
}

function leftovers(cli: StartedCli): number[] {
  return stackProcesses({ marker: `${MARK}=${cli.mark}`, stateDir: cli.stateDir }).map((p) => p.pid);
}

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function startCli(stateDir: string): Promise<StartedCli> {
  const mark = randomUUID();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'local/stack/cli.ts', '--state-dir', stateDir, '--no-examples', '--traffic', '0'],
    { cwd: REPO_ROOT, env: { ...process.env, [MARK]: mark }, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  await waitFor(
    'the stack to print its summary',
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      }
      return output.includes('Ctrl-C stops everything');
    },
    { timeoutMs: 10 * 60_000, intervalMs: 500 }
  );
  const kubeconfig = output.match(/export KUBECONFIG=(\S+)/)?.[1] ?? '';
  const apiServer = readFileSync(kubeconfig, 'utf8').match(/https:\/\/127\.0\.0\.1:(\d+)/)?.[1];
  const ports = [...output.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g), [, apiServer]].map((m) => Number(m[1]));
  return { child, mark, ports: [...new Set(ports)], stateDir, runDir: join(stateDir, 'run'), output: () => output };
}

async function expectNothingLeft(cli: StartedCli): Promise<void> {
  await waitFor('every process of the stack to be gone', async () => leftovers(cli).length === 0, {
    timeoutMs: 30_000,
    intervalMs: 500,
  });
  for (const port of cli.ports) {
    expect(await listening(port)).toBe(false);
  }
  await waitFor(`${cli.runDir} to be removed`, async () => !existsSync(cli.runDir), { timeoutMs: 15_000 });
}

let stateDir: string;
beforeAll(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'kl-stack-shutdown-'));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

test(
  'SIGTERM stops every process, frees every port and removes the run directory',
  async () => {
    const cli = await startCli(stateDir);
    expect(cli.ports.length).toBeGreaterThanOrEqual(3);
    expect(leftovers(cli).length).toBeGreaterThan(3);
    cli.child.kill('SIGTERM');
    const code = await new Promise((done) => cli.child.once('exit', done));
    expect(code).toBe(0);
    await expectNothingLeft(cli);
  },
  12 * 60_000
);

test(
  'after SIGKILL of the stack process nothing is left, and the next start is clean',
  async () => {
    const cli = await startCli(stateDir);
    cli.child.kill('SIGKILL');
    await expectNothingLeft(cli);
    const again = await startCli(stateDir);
    again.child.kill('SIGTERM');
    await new Promise((done) => again.child.once('exit', done));
    await expectNothingLeft(again);
  },
  20 * 60_000
);
