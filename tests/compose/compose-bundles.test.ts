// The Node.js services of the compose stack run here as in their containers: the bundles npm run server builds,
// each service's own command and environment, its container paths mapped into a temp directory laid out like its
// mounts; only listen addresses and ports are changed to free loopback ones, and the traffic bounded.
// (The Python and Go services run their function images' own commands: tests/runtimes-e2e runs those wrappers.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { RUNTIME_ENV } from '../../contract';
import { freePort } from '../../local/support/free-port';
import { waitFor } from '../../local/support/wait-for';
import { REPO_ROOT } from '../../rules/outputs';
import { buildComposeBundles } from '../../scripts/compose-host-builds.mjs';

import { bindMounts, resolvedCompose } from './compose-files';

const compose = resolvedCompose();
const hostBuilt = new Set(compose['x-host-builds'].map((b) => join(REPO_ROOT, b.out)));
let root: string;
const children: ChildProcess[] = [];

/** The service's command with container paths under its temp root, and `--flag value` pairs replaced. */
function localCommand(name: string, replace: Record<string, string> = {}) {
  const service = compose.services[name];
  const dir = mkdtempSync(join(root, `${name}-`));
  for (const mount of bindMounts(service)) {
    const source = hostBuilt.has(mount.source) ? join(root, 'built', relative(REPO_ROOT, mount.source)) : mount.source;
    mkdirSync(dirname(join(dir, mount.target)), { recursive: true });
    symlinkSync(source, join(dir, mount.target));
  }
  const [bin, ...args] = service.command ?? [];
  expect(bin).toBe('node');
  const local = args.map((a, i) => replace[args[i - 1]] ?? (a.startsWith('/') ? join(dir, a) : a));
  return {
    args: local,
    dir,
    env: { PATH: process.env.PATH ?? '', ...service.environment },
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kl-compose-'));
  buildComposeBundles(REPO_ROOT, join(root, 'built'));
});
afterAll(() => {
  children.forEach((c) => c.kill('SIGKILL'));
  rmSync(root, { recursive: true, force: true });
});

describe('the compose Node.js services, run from the bundles npm run server builds', () => {
  it("operator-metrics serves the operator's metrics of the served functions", async () => {
    const port = await freePort();
    const { args, dir, env } = localCommand('operator-metrics', { '--host': '127.0.0.1', '--port': String(port) });
    children.push(spawn(process.execPath, args, { cwd: dir, env, stdio: 'ignore' }));
    const text = await waitFor(
      'operator metrics',
      async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text(),
      {
        timeoutMs: 15_000,
      }
    );
    for (const fn of ['hello-python', 'checkout-nodejs', 'resize-go']) {
      expect(text).toContain(`knative_lambda_operator_function_info{function="${fn}",namespace="lambda-demo"`);
    }
  });

  it('checkout-nodejs answers through the bundled wrapper, and its traffic generator reaches it', async () => {
    const port = await freePort();
    const fn = localCommand('checkout-nodejs');
    const local = { [RUNTIME_ENV.port]: String(port), [RUNTIME_ENV.listenAddress]: '127.0.0.1' };
    children.push(
      spawn(process.execPath, fn.args, { cwd: join(fn.dir, 'function'), env: { ...fn.env, ...local }, stdio: 'ignore' })
    );
    await waitFor('the wrapper to be healthy', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, {
      timeoutMs: 15_000,
    });
    const target = compose.services['traffic-checkout-nodejs'].command?.find((a) => a.includes('=http://')) ?? '';
    const traffic = localCommand('traffic-checkout-nodejs', {
      '--target': target.replace(':8080/', `:${port}/`),
      '--count': '10',
      '--rate': '20',
    });
    const run = spawnSync(process.execPath, traffic.args, { cwd: traffic.dir, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"sent": 10');
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/knative_lambda_function_invocations_total\{[^}]*function="checkout-nodejs"/);
  });
});
