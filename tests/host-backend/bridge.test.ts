// The host's bridge to the real backend executable (local/host/server/plugin-backend) against a real
// kube-apiserver: the backend reads as a ServiceAccount bound by backend/rbac/grafana-reader.yaml through a
// kubeconfig file, Grafana's org roles decide what a user may do, a crashed backend is restarted.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ApiextensionsV1Api } from '@kubernetes/client-node';

import type { DeployResponse, FunctionsResponse } from '../../backend/api/types';
import type { ControlPlane } from '../../local/control-plane/harness';
import { startControlPlane } from '../../local/control-plane/harness';
import type {
  HostAppSettings,
  HostPluginBackend,
  HostRole,
  HostUser,
  ResourceRequest,
} from '../../local/host/server/plugin-backend';
import { startPluginBackend } from '../../local/host/server/plugin-backend';
import { BACKEND_AMD64, requireBuilt } from '../../local/host/server/plugin-backend/backend-process';
import { waitFor } from '../../local/support/wait-for';
import type { FunctionFixture } from '../backend/support/cluster-fixtures';
import {
  applyYamlFile,
  createFunction,
  ensureNamespace,
  grafanaReaderKubeconfig,
} from '../backend/support/cluster-fixtures';

const FUNCTIONS: FunctionFixture[] = [
  { namespace: 'shop', name: 'checkout', language: 'nodejs', phase: 'Ready' },
  { namespace: 'shop', name: 'resize', language: 'python', phase: 'Building' },
  { namespace: 'billing', name: 'invoice', language: 'go', phase: 'Ready' },
];

const user = (role: HostRole): HostUser => ({
  login: role.toLowerCase(),
  name: `The ${role}`,
  email: `${role.toLowerCase()}@example.com`,
  role,
  orgId: 1,
});

function resource(method: string, url: string, body = ''): ResourceRequest {
  return {
    method,
    path: url.split('?')[0],
    url,
    headers: { 'content-type': ['application/json'], cookie: ['grafana_session=secret'], referer: ['http://h/a'] },
    body: Buffer.from(body),
  };
}

const json = <T>(body: Buffer) => JSON.parse(body.toString('utf8')) as T;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

describe('host bridge to the backend executable, against a real control plane', () => {
  let cp: ControlPlane;
  let backend: HostPluginBackend;
  let tmp: string;
  let settings: HostAppSettings;

  const call = (role: HostRole, req: ResourceRequest) => backend.callResource(req, { user: user(role), settings });

  beforeAll(async () => {
    requireBuilt(BACKEND_AMD64);
    cp = await startControlPlane();
    const kc = cp.adminKubeConfig;
    const crds = await kc.makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition();
    if (!crds.items.some((c) => c.spec.names.kind === 'PodMonitor')) {
      await cp.installCrds([path.join(__dirname, '../backend/support/crds/podmonitor.yaml')]);
    }
    for (const ns of ['knative-lambda', 'shop', 'billing']) {
      await ensureNamespace(kc, ns);
    }
    for (const f of FUNCTIONS) {
      await createFunction(kc, f);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-host-backend-'));
    const kubeconfigPath = await grafanaReaderKubeconfig(cp, tmp);
    settings = {
      enabled: true,
      pinned: true,
      jsonData: { kubernetes: { mode: 'kubeconfig', kubeconfigPath } },
      secureJsonData: {},
      updatedMs: Date.now(),
    };
    backend = await startPluginBackend({
      executable: BACKEND_AMD64,
      // the server-level policy Grafana passes from [plugin.knative-lambda-app] (backend/settings/server-policy.ts)
      env: { GF_PLUGIN_KUBECONFIG_DIRS: tmp },
      logFile: path.join(tmp, 'backend.log'),
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await cp?.stop();
    if (tmp) {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('returns the functions the API server holds to a Viewer, quickly', async () => {
    const res = await waitFor(
      'functions listed',
      async () => {
        const r = await call('Viewer', resource('GET', 'functions'));
        return r.status === 200 && json<FunctionsResponse>(r.body).items.length === FUNCTIONS.length ? r : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100 }
    );
    expect(json<FunctionsResponse>(res.body).items.map((f) => `${f.namespace}/${f.name}`)).toEqual([
      'billing/invoice',
      'shop/checkout',
      'shop/resize',
    ]);
    expect(res.headers['Content-Security-Policy']).toEqual(['sandbox']);
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const start = process.hrtime.bigint();
      expect((await call('Viewer', resource('GET', 'functions?namespace=shop'))).status).toBe(200);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    latencies.sort((a, b) => a - b);
    console.info(
      `handshake ${backend.handshakeMs.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
        `callResource GET functions p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms`
    );
    expect(percentile(latencies, 0.5)).toBeLessThan(50);
  });

  it('refuses operator/deploy to a Viewer (403 JSON) and allows it to an Admin once the deployer role is bound', async () => {
    const refused = await call('Viewer', resource('POST', 'operator/deploy', '{"dryRun":true}'));
    expect(refused.status).toBe(403);
    expect(json(refused.body)).toMatchObject({ error: 'forbidden' });

    await applyYamlFile(cp.adminKubeConfig, 'backend/rbac/grafana-deployer.yaml');
    const allowed = await waitFor(
      'deployer RBAC effective',
      async () => {
        const r = await call('Admin', resource('POST', 'operator/deploy', '{"dryRun":true}'));
        return r.status === 200 ? r : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200 }
    );
    const body = json<DeployResponse>(allowed.body);
    expect(body.succeeded).toBe(true);
    expect(body.results.filter((r) => r.action === 'failed')).toEqual([]);
  });

  it("passes CheckHealth the org's settings and returns the backend's details", async () => {
    const health = await backend.checkHealth({ user: user('Admin'), settings });
    expect(health.jsonDetails).toMatchObject({ kubernetesReachable: true, crdInstalled: true });
    expect(health.status).toBe((health.jsonDetails as { operatorReady: boolean }).operatorReady ? 'OK' : 'ERROR');
    const broken = await backend.checkHealth({
      user: user('Admin'),
      settings: {
        ...settings,
        jsonData: { kubernetes: { mode: 'kubeconfig', kubeconfigPath: '/nonexistent' } },
        updatedMs: settings.updatedMs + 1,
      },
    });
    expect(broken.status).toBe('ERROR');
    expect(broken.message).not.toBe('');
  });

  it('answers 404 while the app is disabled, as Grafana does', async () => {
    const res = await backend.callResource(resource('GET', 'functions'), {
      user: user('Admin'),
      settings: { ...settings, enabled: false },
    });
    expect(res.status).toBe(404);
    expect(json(res.body)).toMatchObject({ message: 'Plugin is not enabled' });
  });

  it('serves its metrics through CollectMetrics', async () => {
    expect(await backend.collectMetrics()).toMatch(/^knative_lambda_backend_requests_total\{/m);
  });

  it('answers 503 JSON while a crashed backend is down, then serves again from a restarted process', async () => {
    const pid = backend.pid()!;
    process.kill(pid, 'SIGKILL');
    await waitFor('crash noticed', async () => backend.pid() === undefined || undefined, {
      timeoutMs: 5000,
      intervalMs: 5,
    });
    const meanwhile = await call('Viewer', resource('GET', 'functions'));
    expect(meanwhile.status).toBe(503);
    expect(json(meanwhile.body)).toMatchObject({ message: 'Plugin unavailable', messageId: 'plugin.unavailable' });
    await waitFor(
      'restarted and serving',
      async () => (await call('Viewer', resource('GET', 'functions'))).status === 200 || undefined,
      { timeoutMs: 20_000, intervalMs: 100 }
    );
    expect(backend.pid()).not.toBe(pid);
    expect(backend.restarts()).toBe(1);
  });

  it('stops the process gracefully (Shutdown RPC) and answers 503 afterwards', async () => {
    const pid = backend.pid()!;
    const started = Date.now();
    await backend.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(() => process.kill(pid, 0)).toThrow();
    expect((await call('Viewer', resource('GET', 'functions'))).status).toBe(503);
    expect(fs.readFileSync(path.join(tmp, 'backend.log'), 'utf8')).toMatch(/"@level":"/);
  });
});
