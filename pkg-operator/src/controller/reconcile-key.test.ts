import { OPERATOR_METRICS } from '../../../contract';
import type { LambdaFunction } from '../api';
import { LAMBDA_FINALIZER } from '../api';
import type { KubeGateway } from '../kube/gateway';
import { OperatorMetrics } from '../metrics/operator-metrics';

import type { ReconcileDeps } from './context';
import { FetchRetries } from './fetch-retry';
import { reconcileKey } from './reconcile-key';

const conflict = () => Object.assign(new Error('the object has been modified'), { code: 409 });

const fn: LambdaFunction = {
  apiVersion: 'lambda.knative.io/v1alpha1',
  kind: 'LambdaFunction',
  metadata: { namespace: 'team', name: 'prebuilt', generation: 1, resourceVersion: '7', uid: 'u1' },
  spec: {
    source: { image: { repository: 'registry.test/prebuilt', tag: 'v1' } },
    runtime: { language: 'go', version: '1.22' },
  },
};

function depsWithStatusConflicts(conflicts: number) {
  const calls: string[] = [];
  let left = conflicts;
  const withFinalizer = { ...fn, metadata: { ...fn.metadata, finalizers: [LAMBDA_FINALIZER] } };
  const kube = {
    setFinalizers: async () => (calls.push('setFinalizers'), withFinalizer),
    apply: async (_id: string, _r: unknown, obj: unknown) => (calls.push('apply'), obj),
    getLambdaFunction: async () => (calls.push('get'), withFinalizer),
    // no Knative Service of that name exists yet
    getCustom: async () => undefined,
    writeStatus: async () => {
      calls.push('writeStatus');
      if (left-- > 0) {
        throw conflict();
      }
      return withFinalizer;
    },
  } as unknown as KubeGateway;
  const empty = { get: () => undefined, list: () => [] };
  const metrics = new OperatorMetrics();
  const deps = {
    kube,
    metrics,
    sources: { validateSource: async () => ({ allowed: true }) },
    jobs: empty,
    services: empty,
    namespaces: {
      get: () => ({ metadata: { name: 'team', labels: { 'lambda.knative.io/enabled': 'true' } } }),
      list: () => [],
    },
    events: { record: () => undefined },
    fetchRetries: new FetchRetries(),
    log: () => undefined,
  } as unknown as ReconcileDeps;
  return { deps, metrics, calls };
}

async function counter(metrics: OperatorMetrics, name: string) {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []).map((v) => ({ labels: v.labels, value: v.value }));
}

test('a status write that conflicts twice is retried from fresh reads and counted as one reconcile', async () => {
  const { deps, metrics, calls } = depsWithStatusConflicts(2);
  const outcome = await reconcileKey(deps, fn, { conflictRetries: 3, signal: new AbortController().signal });
  expect(outcome).toEqual({ done: true, requeueAfterMs: undefined });
  expect(calls.filter((c) => c === 'writeStatus')).toHaveLength(3);
  expect(calls.filter((c) => c === 'get')).toHaveLength(2);
  expect(await counter(metrics, OPERATOR_METRICS.reconcileTotal.name)).toEqual([
    { labels: { phase: 'Pending', result: 'success' }, value: 1 },
  ]);
  expect(await counter(metrics, OPERATOR_METRICS.errors.name)).toEqual([
    { labels: { component: 'reconcile', error_type: 'conflict' }, value: 2 },
  ]);
});

test('conflicts beyond the retries fail the reconcile once, counted once as an error', async () => {
  const { deps, metrics } = depsWithStatusConflicts(10);
  const outcome = await reconcileKey(deps, fn, { conflictRetries: 3, signal: new AbortController().signal });
  expect(outcome.done).toBe(false);
  expect(outcome.failure).toMatch(/modified/);
  expect(await counter(metrics, OPERATOR_METRICS.reconcileTotal.name)).toEqual([
    { labels: { phase: 'Pending', result: 'error' }, value: 1 },
  ]);
  expect(await counter(metrics, OPERATOR_METRICS.errors.name)).toEqual([
    { labels: { component: 'reconcile', error_type: 'conflict' }, value: 4 },
  ]);
});
