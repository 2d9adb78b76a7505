// Restarts, leader election, graceful shutdown, least privilege and exemplars, against a real kube-apiserver.
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';

import { OPERATOR_METRICS } from '../../contract';
import type { LambdaFunction } from '../src/api';
import type { RunningOperator } from '../src/operator';
import { otlpTracer } from '../src/tracing/otlp-tracer';

import { finishJob, setServiceStatus, startJob } from './support/fake-controllers';
import { createFunction, getFunction, inlineSpec } from './support/lambda';
import { leaseHolder as currentLeaseHolder } from './support/lease';
import type { OperatorEnv } from './support/operator-env';
import { operatorEnvPerFile } from './support/operator-env';
import { spawnOperatorProcess } from './support/operator-process';
import { startOtlpReceiver } from './support/otlp-receiver';
import { metricValue, samples, scrape } from './support/scrape';
import { eventually } from './support/wait';

const envOf = operatorEnvPerFile();
let env: OperatorEnv;
beforeAll(() => {
  env = envOf();
});

const until = (ns: string, name: string, what: string, check: (fn: LambdaFunction) => boolean) =>
  eventually(`${ns}/${name}: ${what}`, async () => {
    const fn = await getFunction(env.custom, ns, name);
    return fn && check(fn) ? fn : undefined;
  });

const leaseHolder = () => currentLeaseHolder(env.custom);

test('one leader at a time; a graceful stop hands the lease over and the successor resumes a build without a second Job', async () => {
  const first = await env.startOperator();
  await eventually('first leads', () => first.isLeader());
  const second = await env.startOperator();
  await eventually('second has synced', () => second.controller.synced);
  expect(second.isLeader()).toBe(false);

  const ns = await env.createNamespace('restart');
  await createFunction(env.custom, ns, 'mid-build', inlineSpec());
  const building = await until(ns, 'mid-build', 'Building', (f) => f.status?.phase === 'Building');
  // only the leader exports the per-function gauges
  expect(await metricValue(first.port, OPERATOR_METRICS.functionInfo.name, { function: 'mid-build' })).toBe(1);
  expect(await metricValue(second.port, OPERATOR_METRICS.functionInfo.name, { function: 'mid-build' })).toBe(0);
  expect(await metricValue(second.port, OPERATOR_METRICS.leader.name)).toBe(0);

  await first.stop();
  // released, not left to expire: the holder is already empty (or the successor)
  expect(['', second.identity]).toContain(await leaseHolder());
  await eventually('second leads', () => second.isLeader(), 10_000);

  const jobName = building.status!.build!.jobName!;
  const now = Date.now();
  await startJob(env.batch, ns, jobName, new Date(now - 5000));
  await finishJob(env, ns, jobName, 'succeed', new Date(now));
  await until(ns, 'mid-build', 'Deploying', (f) => f.status?.phase === 'Deploying');
  await setServiceStatus(env.custom, ns, 'mid-build', 'True');
  await until(ns, 'mid-build', 'Ready', (f) => f.status?.phase === 'Ready');
  expect((await env.batch.listNamespacedJob({ namespace: ns })).items.map((j) => j.metadata!.name)).toEqual([jobName]);
  await second.stop();
  expect(await leaseHolder()).toBe('');
}, 90_000);

test('`lambda-operator run` leads, and on SIGTERM releases the Lease and exits 0', async () => {
  const proc = await spawnOperatorProcess(env, 'process-under-test');
  try {
    await eventually('the process holds the Lease', async () => (await leaseHolder()) === 'process-under-test', 30_000);
    proc.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(await leaseHolder()).toBe('');
    expect(proc.stderr()).toContain('process-under-test');
  } finally {
    proc.cleanup();
  }
}, 60_000);

test('after a crash (SIGKILL) mid-build, a successor takes over once the Lease expires and starts no second build', async () => {
  const proc = await spawnOperatorProcess(env, 'crashing-operator');
  const ns = await env.createNamespace('crash');
  let successor: RunningOperator | undefined;
  try {
    await eventually('the process holds the Lease', async () => (await leaseHolder()) === 'crashing-operator', 30_000);
    await createFunction(env.custom, ns, 'orphan', inlineSpec());
    const building = await until(ns, 'orphan', 'Building', (f) => f.status?.phase === 'Building');
    proc.kill('SIGKILL');
    await proc.exited;
    expect(await leaseHolder()).toBe('crashing-operator'); // nobody released it
    successor = await env.startOperator();
    await eventually('the successor leads after the 15 s lease expires', () => successor!.isLeader(), 30_000);
    const jobName = building.status!.build!.jobName!;
    const now = Date.now();
    await startJob(env.batch, ns, jobName, new Date(now - 3000));
    await finishJob(env, ns, jobName, 'succeed', new Date(now));
    await until(ns, 'orphan', 'Deploying', (f) => f.status?.phase === 'Deploying');
    expect((await env.batch.listNamespacedJob({ namespace: ns })).items.map((j) => j.metadata!.name)).toEqual([
      jobName,
    ]);
  } finally {
    proc.cleanup();
    await successor?.stop();
  }
}, 90_000);

test('the operator identity is least-privileged: no secrets, nothing outside what it manages', async () => {
  const kc = await env.operatorKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  await expect(core.listSecretForAllNamespaces()).rejects.toMatchObject({ code: 403 });
  await expect(core.listNamespacedConfigMap({ namespace: 'default' })).rejects.toMatchObject({ code: 403 });
  await expect(core.createNamespace({ body: { metadata: { name: 'nope' } } })).rejects.toMatchObject({ code: 403 });
  const custom = kc.makeApiClient(CustomObjectsApi);
  await expect(
    custom.listClusterCustomObject({ group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles' })
  ).rejects.toMatchObject({ code: 403 });
  await expect(
    custom.listNamespacedCustomObject({
      group: 'coordination.k8s.io',
      version: 'v1',
      plural: 'leases',
      namespace: 'default',
    })
  ).rejects.toMatchObject({ code: 403 });
}, 30_000);

test('with tracing on, OpenMetrics carries trace_id exemplars on reconcile duration that were exported as spans', async () => {
  const receiver = await startOtlpReceiver();
  let operator: RunningOperator | undefined;
  try {
    operator = await env.startOperator({ overrides: { tracer: otlpTracer(receiver.url, 'test') } });
    await eventually('leads', () => operator!.isLeader(), 20_000);
    const ns = await env.createNamespace('traced');
    await createFunction(env.custom, ns, 'traced', inlineSpec());
    await until(ns, 'traced', 'Building', (f) => f.status?.phase === 'Building');
    const open = await scrape(operator.port, 'application/openmetrics-text; version=1.0.0');
    expect(open.contentType).toMatch(/application\/openmetrics-text/);
    expect(open.text.trimEnd().endsWith('# EOF')).toBe(true);
    const exemplars = [
      ...open.text.matchAll(
        /^knative_lambda_operator_reconcile_duration_seconds_bucket\{.*\} \S+ # \{trace_id="([0-9a-f]{32})"\}/gm
      ),
    ].map((m) => m[1]);
    expect(exemplars.length).toBeGreaterThan(0);
    const plain = await scrape(operator.port);
    expect(plain.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(plain.text).not.toContain('trace_id');
    expect(samples(plain.text).some((s) => s.name === OPERATOR_METRICS.reconcileTotal.name)).toBe(true);
    await operator.stop();
    operator = undefined;
    expect(exemplars.every((id) => receiver.traceIds.has(id))).toBe(true);
  } finally {
    await operator?.stop();
    await receiver.close();
  }
}, 60_000);
