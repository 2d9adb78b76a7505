// What the backend keeps of LambdaFunctions, against a real kube-apiserver behind the fault proxy: the watch
// cache holds summaries only (no inline code, env or spec), the detail route GETs the whole object on demand
// (and answers 404 for one deleted while the cache still lists it), orgs with identical access share one
// watch, orgs with different tokens do not, and the last org letting go stops the watch.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { CustomObjectsApi } from '@kubernetes/client-node';

import type { FunctionDetailResponse } from '../../backend/api/types';
import { ClusterAccess } from '../../backend/kube/cluster-access';
import { OrgClusters } from '../../backend/kube/org-clusters';
import type { PluginContext } from '../../backend/protocol/wire-types';
import { routeResource } from '../../backend/resources/router';
import { lambdaFunction, LF } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import { waitFor } from '../../local/support/wait-for';

import { applyYamlFile, ensureNamespace } from './support/cluster-fixtures';
import { controlPlaneSuite } from './support/control-plane-suite';
import { pluginContext } from './support/plugin-context';

const NS = 'memory';
const SECRET_CODE = 'exports.handler = async () => "inline-code-marker";';
const SECRET_ENV = 'env-value-marker';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

const suite = controlPlaneSuite('function-memory-');
let cp: ControlPlane;
let custom: CustomObjectsApi;
const files: Record<string, string> = {};

/** a kubeconfig file for grafana/grafana through the proxy, with a token of its own */
async function readerKubeconfig(label: string): Promise<string> {
  const kc = await cp.kubeConfigForServiceAccount('grafana', 'grafana', { viaProxy: true });
  const file = path.join(suite.dir, `${label}.kubeconfig`);
  fs.writeFileSync(file, kc.exportConfig(), { mode: 0o600 });
  return file;
}

async function createFunction(name: string): Promise<void> {
  const body = lambdaFunction(NS, name, {
    source: { inline: { code: SECRET_CODE, dependencies: '{"dependencies":{}}' } },
    env: [{ name: 'API_KEY', value: SECRET_ENV }],
  });
  await custom.createNamespacedCustomObject({
    group: LF.group,
    version: LF.version,
    plural: LF.plural,
    namespace: NS,
    body,
  });
}

beforeAll(async () => {
  cp = suite.cp;
  const kc = cp.adminKubeConfig;
  await ensureNamespace(kc, NS);
  await ensureNamespace(kc, 'other');
  await ensureNamespace(kc, 'knative-lambda'); // the reader RBAC's operator-namespace Role lives there
  await cp.tokenFor('grafana', 'grafana');
  await applyYamlFile(kc, 'backend/rbac/grafana-reader.yaml');
  custom = kc.makeApiClient(CustomObjectsApi);
  await createFunction('built');
  const fn = (await custom.getNamespacedCustomObject({
    group: LF.group,
    version: LF.version,
    plural: LF.plural,
    namespace: NS,
    name: 'built',
  })) as Record<string, unknown>;
  fn.status = {
    phase: 'Ready',
    build: { jobName: 'built-build-1', image: 'registry.local/memory/built:1a2b', imageDigest: DIGEST },
  };
  await custom.replaceNamespacedCustomObjectStatus({
    group: LF.group,
    version: LF.version,
    plural: LF.plural,
    namespace: NS,
    name: 'built',
    body: fn,
  });
  files.a = await readerKubeconfig('a');
  files.b = await readerKubeconfig('b');
}, 180_000);

const context = (orgId: string, kubeconfigPath: string, lastUpdatedMS = '1', namespaces?: string[]) =>
  pluginContext(orgId, { mode: 'kubeconfig', kubeconfigPath, namespaces }, { lastUpdatedMS, role: 'Admin' });

async function withClusters(run: (clusters: OrgClusters) => Promise<void>): Promise<void> {
  const clusters = new OrgClusters(() => undefined);
  try {
    await run(clusters);
  } finally {
    clusters.stop();
  }
}

function accessOf(clusters: OrgClusters, ctx: PluginContext): ClusterAccess {
  const access = clusters.forContext(ctx);
  if (!(access instanceof ClusterAccess)) {
    throw new Error(`settings rejected: ${access.message}`);
  }
  return access;
}

const detail = (clusters: OrgClusters, ctx: PluginContext, name: string) =>
  routeResource(
    {
      pluginContext: ctx,
      path: `functions/${NS}/${name}`,
      method: 'GET',
      url: `functions/${NS}/${name}`,
      headers: {},
      body: Buffer.alloc(0),
    },
    clusters
  );

test('the cached entry is the summary: no inline code, no env, no spec; its image is what runs (repo@digest)', () =>
  withClusters(async (clusters) => {
    const store = accessOf(clusters, context('1', files.a)).functions;
    expect(await store.settle(10_000)).toBe('synced');
    const entry = store.get(NS, 'built') as unknown as Record<string, unknown>;
    expect(entry).toMatchObject({ namespace: NS, name: 'built', sourceType: 'inline', phase: 'Ready' });
    expect(entry.image).toBe(`registry.local/memory/built@${DIGEST}`);
    expect(entry).not.toHaveProperty('spec');
    expect(entry).not.toHaveProperty('metadata');
    const text = JSON.stringify(entry);
    expect(text).not.toContain('inline-code-marker');
    expect(text).not.toContain(SECRET_ENV);
    expect(text).not.toContain('API_KEY');
  }));

test('the detail route GETs the whole object on demand, and answers 404 for one the cache still lists', () =>
  withClusters(async (clusters) => {
    const proxy = cp.proxy!;
    const ctx = context('1', files.a);
    const store = accessOf(clusters, ctx).functions;
    await createFunction('doomed');
    expect(await store.settle(10_000)).toBe('synced');
    await waitFor('the cache lists the new function', async () => store.get(NS, 'doomed'));

    const before = proxy.recorded.length;
    const res = await detail(clusters, ctx, 'built');
    expect(res.status).toBe(200);
    const body = res.body as FunctionDetailResponse;
    expect(body.spec).toMatchObject({
      source: { inline: { code: SECRET_CODE } },
      env: [{ name: 'API_KEY', value: SECRET_ENV }],
    });
    expect(body.function).toMatchObject({ name: 'built', image: `registry.local/memory/built@${DIGEST}` });
    const gets = proxy.recorded.slice(before).filter((r) => r.method === 'GET' && !r.watch);
    expect(gets.map((r) => r.path)).toContain(`/apis/${LF.group}/${LF.version}/namespaces/${NS}/${LF.plural}/built`);

    // hold the resumed watch back, so the cache still lists the function after it is deleted
    proxy.setFaults([{ watch: true, action: { type: 'latency', ms: 3_000 } }]);
    proxy.cutWatches('end');
    await custom.deleteNamespacedCustomObject({
      group: LF.group,
      version: LF.version,
      plural: LF.plural,
      namespace: NS,
      name: 'doomed',
    });
    expect(store.get(NS, 'doomed')).toBeDefined();
    const gone = await detail(clusters, ctx, 'doomed');
    expect(gone).toMatchObject({ status: 404, body: { error: 'not_found' } });
    await waitFor(
      'the held-back watch delivers the deletion',
      async () => (store.get(NS, 'doomed') ? undefined : true),
      {
        timeoutMs: 15_000,
      }
    );
  }));

test('two orgs with identical settings share one cache and one watch', () =>
  withClusters(async (clusters) => {
    const proxy = cp.proxy!;
    const watchesBefore = proxy.stats.watches;
    const a = accessOf(clusters, context('1', files.a)).functions;
    const b = accessOf(clusters, context('2', files.a)).functions;
    expect(b).toBe(a);
    expect(await a.settle(10_000)).toBe('synced');
    expect(await b.settle(10_000)).toBe('synced');
    expect(clusters.functionStores.size).toBe(1);
    expect(proxy.stats.watches - watchesBefore).toBe(1);
  }));

test('two orgs with different tokens (or namespaces) do not share', () =>
  withClusters(async (clusters) => {
    const proxy = cp.proxy!;
    const watchesBefore = proxy.stats.watches;
    const a = accessOf(clusters, context('1', files.a)).functions;
    const b = accessOf(clusters, context('2', files.b)).functions;
    const c = accessOf(clusters, context('3', files.a, '1', [NS])).functions;
    expect(new Set([a, b, c]).size).toBe(3);
    await Promise.all([a, b, c].map((s) => s.settle(10_000)));
    expect([a.state, b.state, c.state]).toEqual(['synced', 'synced', 'synced']);
    expect(clusters.functionStores.size).toBe(3);
    expect(proxy.stats.watches - watchesBefore).toBe(3);
  }));

test('the watch stops when the last org using it changes its settings', () =>
  withClusters(async (clusters) => {
    const proxy = cp.proxy!;
    await waitFor('earlier tests closed their watches', async () => (proxy.openWatches === 0 ? true : undefined));
    const openBefore = 0;
    const shared = accessOf(clusters, context('1', files.a)).functions;
    expect(accessOf(clusters, context('2', files.a)).functions).toBe(shared);
    expect(await shared.settle(10_000)).toBe('synced');
    await waitFor('the shared watch is open', async () => (proxy.openWatches === openBefore + 1 ? true : undefined));

    // org 1 moves to one namespace: org 2 still holds the cluster-wide cache
    const narrowed = accessOf(clusters, context('1', files.a, '2', ['other'])).functions;
    expect(await narrowed.settle(10_000)).toBe('synced');
    expect(shared.isStarted && shared.state).toBe('synced');
    expect(clusters.functionStores.size).toBe(2);

    // org 2 changes too (to the same namespace): nobody holds the cluster-wide cache any more
    expect(accessOf(clusters, context('2', files.a, '2', ['other'])).functions).toBe(narrowed);
    expect(clusters.functionStores.size).toBe(1);
    await waitFor('the cluster-wide watch is closed', async () =>
      proxy.openWatches === openBefore + 1 ? true : undefined
    );
    expect(clusters.watchStates().get(LF.plural)).toBe(true);
    clusters.stop();
    await waitFor('every watch is closed', async () => (proxy.openWatches === 0 ? true : undefined));
  }));
