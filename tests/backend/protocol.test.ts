// The built executable against the go-plugin/Grafana contract, without Kubernetes: stdout, stderr, services,
// limits, hostile input, restart after SIGKILL, Shutdown.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import * as grpc from '@grpc/grpc-js';

import { KUBECONFIG_DIRS_VARIABLE } from '../../backend/settings/server-policy';
import { BACKEND_METRICS } from '../../contract';
import {
  BACKEND_AMD64,
  BackendProcess,
  GRAFANA_ENV,
  HANDSHAKE,
  startBackend,
} from '../../local/host/server/plugin-backend/backend-process';
import type { PluginClient } from '../../local/host/server/plugin-backend/plugin-client';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error']);

function expectHclogLines(lines: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(typeof entry['@level']).toBe('string');
    expect(LEVELS.has(entry['@level'] as string)).toBe(true);
    expect(typeof entry['@message']).toBe('string');
    expect(entry).not.toHaveProperty('@timestamp');
  }
}

function grpcCode(err: unknown): number | undefined {
  return (err as grpc.ServiceError).code;
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('backend executable: go-plugin protocol', () => {
  let backend: BackendProcess;
  let client: PluginClient;

  /** the one directory this server lets kubeconfig files come from (GF_PLUGIN_KUBECONFIG_DIRS) */
  const kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-kubeconfig-'));

  beforeAll(async () => {
    backend = await startBackend({ env: { [KUBECONFIG_DIRS_VARIABLE]: kubeconfigDir } });
    client = backend.client!;
  });
  afterAll(() => {
    backend?.kill();
    fs.rmSync(kubeconfigDir, { recursive: true, force: true });
  });

  it('listens on loopback only', () => {
    expect(backend.stdout.split('\n')[0]).toMatch(HANDSHAKE);
    expect(client.address.startsWith('127.0.0.1:')).toBe(true);
  });

  it('answers the gRPC health service with plugin SERVING, unknown services NOT_FOUND', async () => {
    expect((await client.healthCheck('plugin')).status).toBe('SERVING');
    expect((await client.healthCheck('')).status).toBe('SERVING');
    await expect(client.healthCheck('something-else')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('answers UNIMPLEMENTED for services it does not serve', async () => {
    for (const path of ['/pluginv2.Data/QueryData', '/pluginv2.Stream/SubscribeStream', '/plugin.GRPCBroker/Nope']) {
      await expect(client.rawUnary(path, Buffer.alloc(0))).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    }
  });

  it('survives malformed protobuf and keeps serving', async () => {
    const garbage = [
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
      Buffer.from([0x0a, 0x7f, 0x01]),
      Buffer.from('not protobuf at all'),
    ];
    for (const method of ['/pluginv2.Diagnostics/CheckHealth', '/pluginv2.Resource/CallResource']) {
      for (const bytes of garbage) {
        const err = await client.rawUnary(method, bytes).catch((e: unknown) => e);
        expect({ method, code: grpcCode(err) }).toEqual({ method, code: grpc.status.INTERNAL });
      }
    }
    const res = await client.callResource({ path: 'nope', role: 'Viewer' });
    expect(res.status).toBe(404);
  });

  it('accepts a 10 MiB message (over the grpc-js 4 MiB default) and answers 413 for the body', async () => {
    const res = await client.callResource({
      path: 'operator/deploy',
      method: 'POST',
      role: 'Admin',
      body: Buffer.alloc(10 * 1024 * 1024, 0x20),
    });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: 'payload_too_large' });
  });

  it('rejects messages over 16 MiB with RESOURCE_EXHAUSTED and keeps serving', async () => {
    const err = await client
      .callResource({ path: 'functions', role: 'Viewer', body: Buffer.alloc(17 * 1024 * 1024) })
      .catch((e: unknown) => e);
    expect(grpcCode(err)).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect((await client.healthCheck('plugin')).status).toBe('SERVING');
  });

  it('answers unknown routes, wrong methods and hostile paths with JSON errors', async () => {
    const cases: Array<[string, string, number]> = [
      ['', 'GET', 404],
      ['functions/a', 'GET', 404],
      ['functions/a/b/c', 'GET', 404],
      ['../../etc/passwd', 'GET', 404],
      ['functions/..%2f..%2fetc/passwd', 'GET', 404],
      ['functions/%2e%2e/x', 'GET', 404],
      ['functions/%zz/x', 'GET', 404],
      ['functions', 'POST', 405],
      ['operator/deploy', 'GET', 405],
      ['x'.repeat(5000), 'GET', 404],
    ];
    for (const [path, method, status] of cases) {
      const res = await client.callResource({ path, method, role: 'Admin' });
      expect({ path: path.slice(0, 40), status: res.status }).toEqual({ path: path.slice(0, 40), status });
      expect(res.headers['Content-Type']).toEqual(['application/json']);
      const body = res.json as { error: unknown; message: unknown };
      expect(typeof body.error).toBe('string');
      expect(typeof body.message).toBe('string');
    }
  });

  it('validates names and filters as Kubernetes names and known values (400)', async () => {
    const cases: Array<[string, string | undefined]> = [
      ['functions/Bad_NS/fn', undefined],
      ['functions/ns/UPPER', undefined],
      ['functions/ns/billing.v2', undefined],
      ['functions/ns/1st', undefined],
      [`functions/ns/${'a'.repeat(46)}`, undefined],
      [`functions/${'a'.repeat(64)}/fn`, undefined],
      ['functions/ns/fn%00', undefined],
      ['functions', 'namespace=..'],
      ['functions', 'runtime=cobol'],
      ['functions', 'phase=Exploded'],
      ['functions', 'namespace=a&namespace=b'],
      ['functions', 'sort=name'],
      ['operator', 'x=1'],
    ];
    for (const [path, query] of cases) {
      const res = await client.callResource({ path, query, role: 'Viewer' });
      expect({ path, query, status: res.status }).toEqual({ path, query, status: 400 });
      expect(res.json).toMatchObject({ error: 'bad_request' });
    }
  });

  it('enforces roles: reads need Viewer, deploy needs Admin', async () => {
    for (const role of [undefined, 'None'] as const) {
      const res = await client.callResource({ path: 'functions', role });
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: 'forbidden' });
    }
    for (const role of ['Viewer', 'Editor'] as const) {
      const res = await client.callResource({ path: 'operator/deploy', method: 'POST', role, body: '{"dryRun":true}' });
      expect(res.status).toBe(403);
      // reads pass authorization and fail further on (no Kubernetes configured here)
      const read = await client.callResource({ path: 'functions', role });
      expect(read.status).toBe(503);
    }
    const admin = await client.callResource({
      path: 'operator/deploy',
      method: 'POST',
      role: 'Admin',
      body: '{"dryRun":1}',
    });
    expect(admin.status).toBe(400);
  });

  it('treats empty and null jsonData as {} and a never-saved lastUpdatedMS as int64', async () => {
    for (const jsonData of ['', null] as const) {
      const res = await client.callResource({ path: 'functions', role: 'Viewer', jsonData, orgId: '9007199254740993' });
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ error: 'not_configured' });
      // {} means inCluster, which only the main org may use unless the server says otherwise
      expect((res.json as { message: string }).message).toMatch(/mode inCluster is not allowed on this Grafana server/);
    }
  });

  it('reports invalid settings as 503 not_configured with the reason', async () => {
    const res = await client.callResource({
      path: 'functions',
      role: 'Viewer',
      orgId: '3',
      lastUpdatedMS: '1',
      jsonData: { kubernetes: { mode: 'apiUrl', apiUrl: 'http://plain.example' } },
    });
    expect(res.status).toBe(503);
    expect((res.json as { message: string }).message).toMatch(/https:\/\//);
  });

  it('never reveals the content of a file given as kubeconfig, and refuses credential plugins', async () => {
    const read = (orgId: string, kubeconfigPath: string) =>
      client.callResource({
        path: 'functions',
        role: 'Viewer',
        orgId,
        lastUpdatedMS: '1',
        jsonData: { kubernetes: { kubeconfigPath } },
      });
    for (const [orgId, file] of [
      ['20', '/etc/passwd'],
      ['21', '/proc/self/environ'],
      ['22', '/nonexistent/kubeconfig'],
    ]) {
      const res = await read(orgId, file);
      expect(res.status).toBe(503);
      expect((res.json as { message: string }).message).toBe(
        'Kubernetes access is not configured correctly: this kubeconfig path is not allowed on this Grafana server'
      );
    }
    const dir = kubeconfigDir;
    const file = path.join(dir, 'exec-kubeconfig');
    fs.writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/touch, args: ["${dir}/pwned"]}}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`
    );
    const res = await read('23', file);
    expect(res.status).toBe(503);
    expect((res.json as { message: string }).message).toMatch(/credential plugin/);
    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
  });

  it('answers 503 with an actionable message and an ERROR health when Kubernetes is down', async () => {
    const settings = {
      orgId: '4',
      lastUpdatedMS: '1700000000000',
      jsonData: { kubernetes: { apiUrl: `https://127.0.0.1:${await closedPort()}` } },
      secure: { bearerToken: 'token' },
    };
    const res = await client.callResource({ ...settings, path: 'functions', role: 'Viewer' });
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ error: 'kubernetes_unavailable' });
    expect((res.json as { message: string }).message).toMatch(/unreachable.*check the app's Kubernetes settings/);
    const health = await client.checkHealth(settings);
    expect(health.status).toBe('ERROR');
    const details = JSON.parse(health.jsonDetails.toString('utf8'));
    expect(details).toMatchObject({ kubernetesReachable: false, crdInstalled: false, operatorReady: false });
    expect(details.problems[0]).toMatch(/unreachable/);
  });

  it('serves its own metrics (contract names) through CollectMetrics', async () => {
    const text = await client.collectMetrics();
    expect(text).toMatch(/^knative_lambda_backend_requests_total\{route="unknown",code="404"\} \d+$/m);
    expect(text).toMatch(/^knative_lambda_backend_requests_total\{route="functions",code="403"\} 2$/m);
    expect(text).toMatch(/^knative_lambda_backend_request_duration_seconds_bucket\{le="0.001",route="functions"\}/m);
    expect(text).toMatch(/^knative_lambda_backend_watch_up\{resource="lambdafunctions"\} 0$/m);
    const names = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    expect([...names].sort()).toEqual(
      Object.values(BACKEND_METRICS)
        .map((m) => m.name)
        .sort()
    );
  });

  it('wrote nothing but the handshake to stdout and only hclog JSON to stderr', () => {
    expect(backend.stdout).toMatch(/^1\|2\|tcp\|127\.0\.0\.1:\d+\|grpc\n$/);
    expectHclogLines(backend.stderrLines());
  });
});

describe('backend executable: lifecycle', () => {
  it('refuses to run without the magic cookie, silently on stdout', async () => {
    const backend = new BackendProcess({ env: { grafana_plugin_type: 'wrong' } });
    const { code } = await backend.exited;
    expect(code).toBe(1);
    expect(backend.stdout).toBe('');
    expectHclogLines(backend.stderrLines());
  });

  it('exits promptly after the Shutdown RPC (well within the 2 s Grafana waits)', async () => {
    const backend = await startBackend();
    const t0 = Date.now();
    await backend.client!.shutdown();
    const { code } = await backend.exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2000);
    backend.client!.close();
    expectHclogLines(backend.stderrLines());
  });

  it('exits when its parent process dies, leaving no orphan', async () => {
    // a shell starts the backend and waits for it; once the backend is up, the shell is killed
    const shell = spawn('sh', ['-c', '"$0" & echo "pid $!"; wait', BACKEND_AMD64], {
      env: GRAFANA_ENV,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    shell.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 10_000;
    while (!/\|grpc\n/.test(out) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const pid = Number(/^pid (\d+)$/m.exec(out)?.[1]);
    expect(pid).toBeGreaterThan(0);
    shell.kill('SIGKILL');
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const gone = Date.now() + 5000;
    while (alive() && Date.now() < gone) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(alive()).toBe(false);
  });

  it('ignores SIGINT (Grafana stops its plugins itself) and starts again after SIGKILL', async () => {
    const first = await startBackend();
    first.child.kill('SIGINT');
    expect((await first.client!.healthCheck('plugin')).status).toBe('SERVING');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    first.client!.close();
    const second = await startBackend();
    try {
      expect(second.client!.address).not.toBe('');
      expect((await second.client!.healthCheck('plugin')).status).toBe('SERVING');
      expect((await second.client!.callResource({ path: 'nope', role: 'Viewer' })).status).toBe(404);
    } finally {
      await second.kill();
    }
  });
});
