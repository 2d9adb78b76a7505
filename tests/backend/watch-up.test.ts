// knative_lambda_backend_watch_up tells the truth, against a real kube-apiserver behind the fault proxy:
// caches nobody started do not count, CheckHealth creates none, and a cache is synced only once its watch
// has been answered by the API server (not when its LIST returned); and the cache LISTs in pages.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';

import { checkHealth } from '../../backend/health/check-health';
import { LambdaFunctionStore } from '../../backend/kube/lambda-functions';
import { OrgClusters } from '../../backend/kube/org-clusters';
import { BackendMetrics } from '../../backend/metrics/backend-metrics';
import { functionSummary } from '../../backend/resources/function-view';
import { lambdaFunction, LF } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import { waitFor } from '../../local/support/wait-for';

import { controlPlaneSuite } from './support/control-plane-suite';
import { pluginContext } from './support/plugin-context';

const suite = controlPlaneSuite('watch-up-');
let cp: ControlPlane;
let kubeconfigPath: string;

beforeAll(() => {
  cp = suite.cp;
  kubeconfigPath = path.join(suite.dir, 'kubeconfig');
  fs.writeFileSync(kubeconfigPath, cp.proxy!.kubeConfig(cp.adminKubeConfig).exportConfig(), { mode: 0o600 });
});

const context = (orgId: string) => pluginContext(orgId, { mode: 'kubeconfig', kubeconfigPath });

async function watchUp(clusters: OrgClusters): Promise<string | undefined> {
  const text = await new BackendMetrics({ watchStates: () => clusters.watchStates() }).exposition();
  return /^knative_lambda_backend_watch_up\{resource="lambdafunctions"\} (\d)$/m.exec(text)?.[1];
}

test('an org that is configured but never listed functions has no watch that could be down', async () => {
  const clusters = new OrgClusters(() => undefined);
  clusters.forContext(context('2'));
  expect(clusters.watchStates().size).toBe(0);
  expect(await watchUp(clusters)).toBeUndefined();
  clusters.stop();
});

test('CheckHealth does not create a watch cache', async () => {
  const clusters = new OrgClusters(() => undefined);
  const health = await checkHealth(clusters, context('3'));
  expect(JSON.parse(health.jsonDetails.toString())).toMatchObject({ kubernetesReachable: true, crdInstalled: true });
  expect(clusters.watchStates().size).toBe(0);
  expect(await watchUp(clusters)).toBeUndefined();
  clusters.stop();
});

test('a started cache is synced only once the API server answered its watch, and down again when it fails', async () => {
  const proxy = cp.proxy!;
  proxy.resetStats();
  proxy.setFaults([{ watch: true, action: { type: 'latency', ms: 1500 } }]);
  const clusters = new OrgClusters(() => undefined);
  const access = clusters.forContext(context('4'));
  if (!('functions' in access)) {
    throw new Error(`settings rejected: ${access.message}`);
  }
  const started = Date.now();
  access.functions.settle(0);
  await waitFor('the LIST answered and the watch requested', async () => (proxy.stats.watches > 0 ? true : undefined));
  expect(access.functions.state).toBe('starting'); // the LIST is done; the watch is still being held
  expect(await watchUp(clusters)).toBe('0');
  expect(await access.functions.settle(10_000)).toBe('synced');
  expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  expect(await watchUp(clusters)).toBe('1');

  proxy.setFaults([{ action: { type: 'status', status: 503, message: 'injected outage' } }]);
  proxy.cutWatches('reset');
  await waitFor('the cache reports the failure', async () => (access.functions.state === 'error' ? true : undefined));
  expect(await watchUp(clusters)).toBe('0');
  clusters.stop();
});

test('the watch cache LISTs in pages (limit + continue) and holds every object of every page', async () => {
  const proxy = cp.proxy!;
  const kc = cp.adminKubeConfig;
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'paged' } } });
  const custom = kc.makeApiClient(CustomObjectsApi);
  for (let i = 0; i < 5; i++) {
    await custom.createNamespacedCustomObject({
      group: LF.group,
      version: LF.version,
      plural: LF.plural,
      namespace: 'paged',
      body: lambdaFunction('paged', `fn-${i}`),
    });
  }
  const before = proxy.recorded.length;
  const store = new LambdaFunctionStore(proxy.kubeConfig(kc), ['paged'], () => undefined, functionSummary, 2);
  try {
    expect(await store.settle(10_000)).toBe('synced');
    expect(
      store
        .list()
        .map((f) => f.name)
        .sort()
    ).toEqual(['fn-0', 'fn-1', 'fn-2', 'fn-3', 'fn-4']);
    const lists = proxy.recorded.slice(before).filter((r) => !r.watch && r.method === 'GET');
    expect(lists.map((r) => new URL(r.path, 'http://x').searchParams.get('limit'))).toEqual(['2', '2', '2']);
    expect(lists.filter((r) => r.path.includes('continue=')).length).toBe(2);
  } finally {
    store.stop();
  }
});
