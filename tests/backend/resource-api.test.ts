// The resource API of the built executable against a real kube-apiserver, reading as a service account
// bound to the documented RBAC (backend/rbac/grafana-reader.yaml), through the fault proxy where the test
// is about the watch cache, and deploying the bundled operator manifests as an administrator.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { KubeConfig, V1MicroTime } from '@kubernetes/client-node';
import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoordinationV1Api,
  CustomObjectsApi,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';

import type {
  DeployResponse,
  FunctionDetailResponse,
  FunctionsResponse,
  OperatorStatusResponse,
} from '../../backend/api/types';
import { readOperatorManifests } from '../../backend/assets/repo-assets';
import { KUBECONFIG_DIRS_VARIABLE } from '../../backend/settings/server-policy';
import { LF } from '../../local/control-plane/fixtures';
import type { ControlPlane } from '../../local/control-plane/harness';
import { startControlPlane } from '../../local/control-plane/harness';
import type { BackendProcess } from '../../local/host/server/plugin-backend/backend-process';
import { startBackend } from '../../local/host/server/plugin-backend/backend-process';
import type {
  OrgSettings,
  PluginClient,
  ResourceCall,
  Role,
} from '../../local/host/server/plugin-backend/plugin-client';
import { waitFor } from '../../local/support/wait-for';

import type { FunctionFixture } from './support/cluster-fixtures';
import { applyYamlFile, createFunction, createFunctionRelations, ensureNamespace } from './support/cluster-fixtures';

const FUNCTIONS: FunctionFixture[] = [
  {
    namespace: 'team-a',
    name: 'hello',
    language: 'nodejs',
    phase: 'Ready',
    slo: { objective: 0.995, latencyTarget: 0.25 },
  },
  { namespace: 'team-a', name: 'resize', language: 'python', phase: 'Building' },
  { namespace: 'team-a', name: 'fresh', language: 'go' },
  { namespace: 'team-b', name: 'hello', language: 'go', phase: 'Failed' },
  { namespace: 'team-b', name: 'billing-v2', language: 'nodejs', phase: 'Ready' },
  { namespace: 'team-c', name: 'report', language: 'python', phase: 'Ready' },
];

const poll = <T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> =>
  waitFor(
    what,
    async () => {
      const value = await fn();
      return ok(value) ? value : undefined;
    },
    { timeoutMs, intervalMs: 100 }
  );

describe('resource API against a real control plane', () => {
  let cp: ControlPlane;
  let backend: BackendProcess;
  let client: PluginClient;
  let tmp: string;
  /** org 1: API URL + service-account token + CA, read-only RBAC */
  let reader: OrgSettings;
  /** org 2: the admin kubeconfig (for operator/deploy) */
  let admin: OrgSettings;
  /** org 3: the same service account through the fault proxy, via a kubeconfig file */
  let proxied: OrgSettings;

  const get = async <T>(settings: OrgSettings, call: ResourceCall) => {
    const res = await client.callResource({ role: 'Viewer', ...settings, ...call });
    return { ...res, data: res.json as T };
  };

  const deploy = async (settings: OrgSettings, body: string, role: Role = 'Admin') => {
    const res = await client.callResource({ ...settings, role, path: 'operator/deploy', method: 'POST', body });
    return { status: res.status, data: res.json as DeployResponse };
  };
  const failedObjects = (res: { status: number; data: DeployResponse }) => ({
    status: res.status,
    failed: res.data.results?.filter((r) => r.action === 'failed'),
  });

  beforeAll(async () => {
    cp = await startControlPlane(); // its default CRDs include the Prometheus operator's PodMonitor
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-backend-test-'));
    const kc = cp.adminKubeConfig;
    for (const ns of ['knative-lambda', 'team-a', 'team-b', 'team-c']) {
      await ensureNamespace(kc, ns);
    }
    const token = await cp.tokenFor('grafana', 'grafana');
    await applyYamlFile(kc, 'backend/rbac/grafana-reader.yaml');
    for (const f of FUNCTIONS) {
      await createFunction(kc, f);
    }
    await createFunctionRelations(kc, 'team-a', 'hello');

    reader = {
      orgId: '1',
      lastUpdatedMS: '1700000000001',
      jsonData: { kubernetes: { apiUrl: cp.url, caCert: cp.caPem } },
      secure: { bearerToken: token },
    };
    admin = {
      orgId: '2',
      lastUpdatedMS: '1700000000002',
      jsonData: { kubernetes: { kubeconfigPath: cp.kubeconfigPath } },
    };
    const proxyKc = cp.proxy!.kubeConfig((await cp.kubeConfigForServiceAccount('grafana', 'grafana')) as KubeConfig);
    const proxyKubeconfig = path.join(tmp, 'proxy-kubeconfig');
    fs.writeFileSync(proxyKubeconfig, proxyKc.exportConfig(), { mode: 0o600 });
    proxied = {
      orgId: '3',
      lastUpdatedMS: '1700000000003',
      jsonData: { kubernetes: { mode: 'kubeconfig', kubeconfigPath: proxyKubeconfig } },
    };

    // orgs 2 and 3 read kubeconfig files: the server must allow their directories
    backend = await startBackend({
      env: { [KUBECONFIG_DIRS_VARIABLE]: [path.dirname(cp.kubeconfigPath), tmp].join(',') },
    });
    client = backend.client!;
  }, 180_000);

  afterAll(async () => {
    await backend?.kill();
    await cp?.stop();
    if (tmp) {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('lists LambdaFunctions of every namespace with their summary', async () => {
    const res = await get<FunctionsResponse>(reader, { path: 'functions' });
    expect(res.status).toBe(200);
    expect(res.data.apiVersion).toBe('v1');
    expect(res.data.namespaces).toBeNull();
    expect(res.data.items.map((f) => `${f.namespace}/${f.name}`)).toEqual([
      'team-a/fresh',
      'team-a/hello',
      'team-a/resize',
      'team-b/billing-v2',
      'team-b/hello',
      'team-c/report',
    ]);
    const hello = res.data.items.find((f) => f.namespace === 'team-a' && f.name === 'hello')!;
    expect(hello).toMatchObject({
      phase: 'Ready',
      ready: true,
      runtime: { language: 'nodejs', version: '20', handler: 'index.handler' },
      sourceType: 'inline',
      image: 'registry.local/team-a/hello:abc123',
      url: 'http://hello.team-a.example.com',
      slo: { objective: 0.995, latencyTargetSeconds: 0.25 },
      lastBuild: { job: 'hello-build-abc123', image: 'registry.local/team-a/hello:abc123' },
      observedGeneration: 1,
    });
    expect(hello.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Ready' })]);
    const fresh = res.data.items.find((f) => f.name === 'fresh')!;
    // no status yet: Pending, as the operator's gauges count it (one phaseOf, pkg-operator/src/api)
    expect(fresh).toMatchObject({ phase: 'Pending', ready: false, conditions: [], slo: { objective: 0.999 } });
    expect(fresh.lastBuild).toBeUndefined();
  });

  it('filters by namespace, runtime and phase', async () => {
    const names = async (query: string) =>
      (await get<FunctionsResponse>(reader, { path: 'functions', query })).data.items.map(
        (f) => `${f.namespace}/${f.name}`
      );
    expect(await names('namespace=team-b')).toEqual(['team-b/billing-v2', 'team-b/hello']);
    expect(await names('runtime=python')).toEqual(['team-a/resize', 'team-c/report']);
    expect(await names('phase=Ready&runtime=nodejs')).toEqual(['team-a/hello', 'team-b/billing-v2']);
    expect(await names('phase=Pending')).toEqual(['team-a/fresh']);
    expect(await names('phase=Unknown')).toEqual([]);
    expect(await names('namespace=nowhere')).toEqual([]);
  });

  it('restricts every read to the configured namespaces', async () => {
    const restricted = {
      ...reader,
      orgId: '4',
      jsonData: { kubernetes: { apiUrl: cp.url, caCert: cp.caPem, namespaces: ['team-b'] } },
    };
    const res = await get<FunctionsResponse>(restricted, { path: 'functions' });
    expect(res.data.namespaces).toEqual(['team-b']);
    expect(res.data.items.map((f) => f.namespace)).toEqual(['team-b', 'team-b']);
    expect((await get(restricted, { path: 'functions/team-a/hello' })).status).toBe(404);
    expect((await get(restricted, { path: 'functions/team-b/hello' })).status).toBe(200);
  });

  it("keeps an org's settings until its lastUpdatedMS changes", async () => {
    const org = (lastUpdatedMS: string, namespace: string) => ({
      ...reader,
      orgId: '6',
      lastUpdatedMS,
      jsonData: { kubernetes: { apiUrl: cp.url, caCert: cp.caPem, namespaces: [namespace] } },
    });
    const namespaces = async (settings: OrgSettings) =>
      (await get<FunctionsResponse>(settings, { path: 'functions' })).data.namespaces;
    expect(await namespaces(org('10', 'team-b'))).toEqual(['team-b']);
    expect(await namespaces(org('10', 'team-c'))).toEqual(['team-b']);
    expect(await namespaces(org('11', 'team-c'))).toEqual(['team-c']);
  });

  it('returns one function with its build Jobs, recent Events and Knative Service status', async () => {
    const res = await get<FunctionDetailResponse>(reader, { path: 'functions/team-a/hello' });
    expect(res.status).toBe(200);
    expect(res.data.function.name).toBe('hello');
    expect(res.data.spec).toMatchObject({ runtime: { language: 'nodejs' } });
    expect(res.data.buildJobs).toEqual([expect.objectContaining({ name: 'hello-build-abc123', state: 'Running' })]);
    expect(res.data.events).toEqual([
      expect.objectContaining({ type: 'Normal', reason: 'Deployed', count: 1, source: 'lambda.knative.io/operator' }),
      expect.objectContaining({ reason: 'BuildStarted', message: 'build Job hello-build-abc123 created', count: 2 }),
    ]);
    expect(res.data.knativeService).toMatchObject({
      name: 'hello',
      url: 'http://hello.team-a.example.com',
      ready: 'True',
      latestReadyRevision: 'hello-00001',
    });
    const other = await get<FunctionDetailResponse>(reader, { path: 'functions/team-b/billing-v2' });
    expect(other.status).toBe(200);
    expect(other.data).toMatchObject({ buildJobs: [], events: [], knativeService: null });
    const missing = await get(reader, { path: 'functions/team-a/nope' });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: 'not_found' });
  });

  it('serves GET functions from the watch cache: no API request per call, changes arrive by watch', async () => {
    await poll(
      'proxied cache synced',
      () => get(proxied, { path: 'functions' }),
      (r) => r.status === 200
    );
    const proxy = cp.proxy!;
    await poll(
      'watch open',
      async () => proxy.openWatches,
      (n) => n > 0
    );
    proxy.resetStats();
    for (let i = 0; i < 20; i++) {
      expect((await get<FunctionsResponse>(proxied, { path: 'functions' })).data.items).toHaveLength(FUNCTIONS.length);
    }
    expect(proxy.stats.requests).toBe(0);

    proxy.cutWatches('end');
    await createFunction(cp.adminKubeConfig, { namespace: 'team-c', name: 'late', language: 'go', phase: 'Pending' });
    // created, then its status written: both arrive as watch events
    await poll(
      'new function and its status visible',
      () => get<FunctionsResponse>(proxied, { path: 'functions', query: 'namespace=team-c' }),
      (r) => r.data.items?.some((f) => f.name === 'late' && f.phase === 'Pending')
    );
    const metrics = await client.collectMetrics();
    expect(metrics).toMatch(/^knative_lambda_backend_watch_events_total\{resource="lambdafunctions"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^knative_lambda_backend_watch_up\{resource="lambdafunctions"\} 1$/m);
  });

  it('relists after "410 Gone" and catches up with changes and deletions made meanwhile', async () => {
    const proxy = cp.proxy!;
    await poll(
      'watch open',
      async () => proxy.openWatches,
      (n) => n > 0
    );
    proxy.resetStats();
    proxy.addFault({ watch: true, action: { type: 'gone', mode: 'event' }, times: 1 });
    proxy.cutWatches('end');
    const custom = cp.adminKubeConfig.makeApiClient(CustomObjectsApi);
    await custom.deleteNamespacedCustomObject({
      group: LF.group,
      version: LF.version,
      plural: LF.plural,
      namespace: 'team-c',
      name: 'late',
    });
    await createFunction(cp.adminKubeConfig, { namespace: 'team-c', name: 'after-gone', language: 'python' });
    await poll(
      'resumed watch answered 410',
      async () => proxy.stats.injectedGone,
      (n) => n === 1
    );
    const res = await poll(
      'cache caught up',
      () => get<FunctionsResponse>(proxied, { path: 'functions', query: 'namespace=team-c' }),
      (r) => r.status === 200 && r.data.items.map((f) => f.name).join() === 'after-gone,report'
    );
    expect(res.data.items.map((f) => f.name)).toEqual(['after-gone', 'report']);
  });

  it('answers 503 while Kubernetes is unreachable, and recovers', async () => {
    const proxy = cp.proxy!;
    proxy.setFaults([{ action: { type: 'status', status: 503, message: 'injected outage' } }]);
    proxy.cutWatches('reset');
    const down = await poll(
      '503',
      () => get(proxied, { path: 'functions' }),
      (r) => r.status === 503
    );
    expect(down.json).toMatchObject({ error: 'kubernetes_unavailable' });
    expect((down.json as { message: string }).message).toMatch(/unreachable/);
    expect(await client.collectMetrics()).toMatch(/^knative_lambda_backend_watch_up\{resource="lambdafunctions"\} 0$/m);
    proxy.clearFaults();
    await poll(
      'recovered',
      () => get(proxied, { path: 'functions' }),
      (r) => r.status === 200,
      40_000
    );
  }, 60_000);

  it('reports the operator as not deployed before deploy', async () => {
    const res = await get<OperatorStatusResponse>(reader, { path: 'operator' });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ crdInstalled: true, deployed: false, replicas: { desired: 0, ready: 0 } });
    expect(res.data.crdVersions).toEqual(['v1alpha1']);
    const health = await client.checkHealth(reader);
    expect(health.status).toBe('ERROR');
    expect(JSON.parse(health.jsonDetails.toString())).toMatchObject({
      kubernetesReachable: true,
      crdInstalled: true,
      operatorReady: false,
    });
  });

  it('refuses operator/deploy to a non-Admin, and the read-only service account cannot apply anything', async () => {
    expect((await deploy(admin, '{}', 'Editor')).status).toBe(403);
    const manifests = readOperatorManifests();
    expect(manifests.error).toBeUndefined();
    const res = await deploy(reader, '{"dryRun":true}');
    expect(res.status).toBe(207);
    const body = res.data;
    expect(body.succeeded).toBe(false);
    expect(body.results.some((r) => r.action === 'failed' && /forbidden/i.test(r.message ?? ''))).toBe(true);
  });

  it('can deploy as the service account once backend/rbac/grafana-deployer.yaml is bound (dry run)', async () => {
    await applyYamlFile(cp.adminKubeConfig, 'backend/rbac/grafana-deployer.yaml');
    const res = await poll(
      'deployer RBAC effective',
      () => deploy(reader, '{"dryRun":true}'),
      (r) => r.status === 200
    );
    expect(failedObjects(res)).toEqual({ status: 200, failed: [] });
    expect(res.data.results).toHaveLength(readOperatorManifests().objects.length);
  });

  it('deploys the bundled operator manifests with server-side apply (dry run first)', async () => {
    const manifests = readOperatorManifests();
    expect(manifests.error).toBeUndefined();
    const dry = await deploy(admin, '{"dryRun":true}');
    expect(failedObjects(dry)).toEqual({ status: 200, failed: [] });
    expect(dry.data.dryRun).toBe(true);
    const deployment = manifests.objects.find((o) => o.kind === 'Deployment')!;
    const apps = cp.adminKubeConfig.makeApiClient(AppsV1Api);
    await expect(
      apps.readNamespacedDeployment({ namespace: deployment.metadata.namespace!, name: deployment.metadata.name })
    ).rejects.toMatchObject({ code: 404 });

    const res = await deploy(admin, '{"dryRun":false}');
    expect(failedObjects(res)).toEqual({ status: 200, failed: [] });
    expect(res.data.results).toHaveLength(manifests.objects.length);
    await apps.readNamespacedDeployment({ namespace: deployment.metadata.namespace!, name: deployment.metadata.name });
    const ext = cp.adminKubeConfig.makeApiClient(ApiextensionsV1Api);
    await ext.readCustomResourceDefinition({ name: `${LF.plural}.${LF.group}` });
    const rbac = cp.adminKubeConfig.makeApiClient(RbacAuthorizationV1Api);
    for (const o of manifests.objects.filter((m) => m.kind === 'ClusterRole')) {
      await rbac.readClusterRole({ name: o.metadata.name });
    }
    for (const o of manifests.objects.filter((m) => m.kind === 'Role')) {
      await rbac.readNamespacedRole({ namespace: o.metadata.namespace!, name: o.metadata.name });
    }

    const again = await deploy(admin, '');
    expect(again.data.results.every((r) => r.action === 'unchanged')).toBe(true);
    const status = await get<OperatorStatusResponse>(reader, { path: 'operator' });
    expect(status.data).toMatchObject({
      deployed: true,
      namespace: deployment.metadata.namespace,
      upgradeAvailable: false,
    });
  });

  it('reports replicas and the leader, and CheckHealth turns OK once the operator has a ready replica', async () => {
    const deployment = readOperatorManifests().objects.find((o) => o.kind === 'Deployment')!;
    const namespace = deployment.metadata.namespace!;
    const name = deployment.metadata.name;
    // no kubelet or controller-manager here: play them by writing the status and the Lease
    const apps = cp.adminKubeConfig.makeApiClient(AppsV1Api);
    const current = await apps.readNamespacedDeployment({ namespace, name });
    const replicas = current.spec?.replicas ?? 1;
    current.status = { replicas, readyReplicas: replicas, availableReplicas: replicas, updatedReplicas: replicas };
    await apps.replaceNamespacedDeploymentStatus({ namespace, name, body: current });
    // a MicroTime needs 6 fractional digits
    const renewTime = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    await cp.adminKubeConfig.makeApiClient(CoordinationV1Api).createNamespacedLease({
      namespace,
      body: {
        metadata: { name: 'knative-lambda-operator-leader' },
        spec: {
          holderIdentity: `${name}-abc-1`,
          renewTime: renewTime as unknown as V1MicroTime,
          leaseDurationSeconds: 15,
        },
      },
    });
    const res = await get<OperatorStatusResponse>(reader, { path: 'operator' });
    expect(res.data).toMatchObject({
      deployed: true,
      replicas: { desired: replicas, ready: replicas, available: replicas },
      leader: { lease: 'knative-lambda-operator-leader', holder: `${name}-abc-1` },
    });
    expect(res.data.scratchVolume).toMatchObject({ mountPath: '/tmp' });
    expect(res.data.metricsEndpoint).toMatch(new RegExp(`^http://[a-z0-9-]+\\.${namespace}\\.svc:\\d+/metrics$`));
    const health = await client.checkHealth(reader);
    expect({ status: health.status, details: JSON.parse(health.jsonDetails.toString()) }).toMatchObject({
      status: 'OK',
      details: { kubernetesReachable: true, crdInstalled: true, operatorReady: true, problems: [] },
    });
  });

  it('answers 503 crd_missing when the LambdaFunction CRD is removed', async () => {
    const ext = cp.adminKubeConfig.makeApiClient(ApiextensionsV1Api);
    const name = `${LF.plural}.${LF.group}`;
    await ext.deleteCustomResourceDefinition({ name });
    await poll(
      'CRD gone',
      () =>
        ext.readCustomResourceDefinition({ name }).then(
          () => 200,
          (err: { code?: number }) => err.code ?? 0
        ),
      (code) => code === 404
    );
    const fresh = { ...reader, orgId: '5' };
    for (const settings of [reader, fresh]) {
      const res = await poll(
        'crd_missing',
        () => get(settings, { path: 'functions' }),
        (r) => r.status === 503,
        40_000
      );
      expect(res.json).toMatchObject({ error: 'crd_missing' });
      expect((res.json as { message: string }).message).toMatch(/deploy the operator/);
    }
    const health = await client.checkHealth(fresh);
    expect(health.status).toBe('ERROR');
    expect(JSON.parse(health.jsonDetails.toString())).toMatchObject({ kubernetesReachable: true, crdInstalled: false });
  }, 60_000);
});
