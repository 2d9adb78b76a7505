// Every Kubernetes call of the operator has a deadline. With the fault proxy holding requests open (a hung
// API server as one replica sees it): a leader whose Lease renew hangs steps down before another replica
// takes over, and SIGTERM completes within the Deployment's grace period although calls are hanging.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parse } from 'yaml';

import { createFunction, inlineSpec } from './support/lambda';
import { leaseHolder as currentLeaseHolder } from './support/lease';
import type { OperatorEnv } from './support/operator-env';
import { operatorEnvPerFile } from './support/operator-env';
import { spawnOperatorProcess } from './support/operator-process';
import { eventually } from './support/wait';

const envOf = operatorEnvPerFile();
let env: OperatorEnv;
beforeAll(() => {
  env = envOf();
});
afterEach(() => env.cp.proxy!.clearFaults());

const HOLD = { type: 'latency', ms: 120_000 } as const;
const LEASE_RENEWS = { method: 'PUT', path: /\/leases\//, action: HOLD };

const gracePeriodSeconds = (): number => {
  const deployment = parse(fs.readFileSync(path.resolve(__dirname, '../k8s/base/deployment.yaml'), 'utf8'));
  return deployment.spec.template.spec.terminationGracePeriodSeconds;
};

const leaseHolder = () => currentLeaseHolder(env.custom);

test('a leader whose Lease renew hangs steps down within renewDeadline, before another replica takes over', async () => {
  const stuck = await env.startOperator({ viaProxy: true });
  await eventually('the proxied replica leads', () => stuck.isLeader(), 30_000);
  const healthy = await env.startOperator();
  await eventually('the second replica has synced', () => healthy.controller.synced);
  const heldAt = Date.now();
  env.cp.proxy!.setFaults([LEASE_RENEWS]);
  let steppedDownAt = 0;
  let tookOverAt = 0;
  await eventually(
    'the other replica leads',
    () => {
      const now = Date.now();
      if (!stuck.isLeader() && steppedDownAt === 0) {
        steppedDownAt = now;
      }
      if (healthy.isLeader() && tookOverAt === 0) {
        tookOverAt = now;
        expect(stuck.isLeader()).toBe(false); // never two leaders
      }
      return tookOverAt > 0 ? true : undefined;
    },
    40_000
  );
  process.stdout.write(
    `renew held at 0 s; leader stepped down at ${((steppedDownAt - heldAt) / 1000).toFixed(1)} s, successor led at ${((tookOverAt - heldAt) / 1000).toFixed(1)} s\n`
  );
  expect(steppedDownAt).toBeGreaterThan(0);
  expect(steppedDownAt).toBeLessThan(tookOverAt);
  // renewDeadline 10 s from the last successful renew, which was at most one retryPeriod (2 s) before the hold
  expect(steppedDownAt - heldAt).toBeLessThanOrEqual(10_000 + 500);
  expect(env.cp.proxy!.stats.delayed).toBeGreaterThan(0);
  expect(await leaseHolder()).toBe(healthy.identity);
  await stuck.stop();
  await healthy.stop();
}, 90_000);

test('SIGTERM while API calls hang: the process releases what it can and exits 0 within its grace period', async () => {
  const proc = await spawnOperatorProcess(env, 'hung-operator', { viaProxy: true });
  try {
    await eventually('the process holds the Lease', async () => (await leaseHolder()) === 'hung-operator', 30_000);
    const ns = await env.createNamespace('hung');
    // every write the process makes hangs: its reconcile (the finalizer patch) and its Lease renews and release
    env.cp.proxy!.setFaults([{ method: /^(PUT|PATCH|POST)$/, action: HOLD }]);
    await createFunction(env.custom, ns, 'stuck', inlineSpec());
    await eventually('a write of the process is held open', () => (env.cp.proxy!.stats.delayed > 1 ? true : undefined));
    const signalledAt = Date.now();
    proc.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    const seconds = (Date.now() - signalledAt) / 1000;
    process.stdout.write(
      `SIGTERM to exit with hung API calls: ${seconds.toFixed(1)} s (grace ${gracePeriodSeconds()} s)\n`
    );
    expect(seconds).toBeLessThan(gracePeriodSeconds());
    expect(proc.stderr()).toMatch(/cancelled|no answer from the Kubernetes API/);
  } finally {
    proc.cleanup();
  }
}, 90_000);
