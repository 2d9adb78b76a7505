import { readFileSync, statSync } from 'node:fs';

import { startHost } from '../../local/host/server';
import { settingsFile } from '../../local/host/server/settings-store';
import { buildHostBundle } from '../../local/host/web/build';
import { startPrometheus, type Prometheus } from '../../local/prometheus';

import { recordingBackend } from './fake-backend';
import { fakeDist, removeFixtureDirs, tempStateDir } from './fixtures';

const ID = 'knative-lambda-app';

let prometheus: Prometheus;
beforeAll(async () => {
  // a cold bundle build takes longer than one test's timeout; every host below reuses it from the cache
  await buildHostBundle();
  prometheus = await startPrometheus({ jobs: [] });
}, 5 * 60_000);
afterAll(async () => {
  await prometheus?.stop();
  removeFixtureDirs();
});

async function withHost<T>(
  fn: (url: string, ctx: { stateDir: string; calls: ReturnType<typeof recordingBackend> }) => Promise<T>,
  extra: { tempoUrl?: string; initialSettings?: object } = {}
): Promise<T> {
  const stateDir = tempStateDir();
  const fake = recordingBackend();
  const host = await startHost({
    distDir: fakeDist(),
    stateDir,
    prometheusUrl: prometheus.url,
    backend: fake.backend,
    initialSettings: { enabled: true, jsonData: { a: 1 }, secureJsonData: { token: 's3cr3t' } },
    ...extra,
  });
  try {
    return await fn(host.url, { stateDir, calls: fake });
  } finally {
    await host.stop();
  }
}

const asRole = (role: string) => ({ cookie: `grafana_host_role=${role}` });

async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

function bootDataOf(html: string): Record<string, any> {
  const match = /window\.grafanaBootData = (.*?);<\/script>/.exec(html);
  if (!match) {
    throw new Error('no bootData in the shell');
  }
  return JSON.parse(match[1]);
}

describe('Grafana-shaped host server', () => {
  test('GET settings: plugin.json meta plus state, secrets only as secureJsonFields', async () => {
    await withHost(async (url) => {
      const { status, json } = await getJson(`${url}/api/plugins/${ID}/settings`);
      expect(status).toBe(200);
      expect(json).toMatchObject({
        id: ID,
        type: 'app',
        name: 'Knative Lambda',
        enabled: true,
        pinned: false,
        jsonData: { a: 1 },
        secureJsonFields: { token: true },
        module: `public/plugins/${ID}/module.js`,
        baseUrl: `public/plugins/${ID}`,
        loadingStrategy: 'script',
        defaultNavUrl: `/a/${ID}/functions`,
      });
      expect(json.info.logos.small).toBe(`public/plugins/${ID}/img/logo.svg`);
      expect(JSON.stringify(json)).not.toContain('s3cr3t');
      expect(json.secureJsonData).toBeUndefined();
    });
  });

  test('POST settings merges like Grafana, persists 0600, and never echoes a secret', async () => {
    await withHost(async (url, { stateDir }) => {
      const saved = await postJson(`${url}/api/plugins/${ID}/settings`, {
        enabled: true,
        pinned: true,
        jsonData: { b: 2 },
        secureJsonData: { other: 'x-secret', token: '' },
      });
      expect(saved).toEqual({ status: 200, json: { message: 'Plugin settings updated' } });
      const { json } = await getJson(`${url}/api/plugins/${ID}/settings`);
      expect(json.jsonData).toEqual({ b: 2 });
      expect(json.pinned).toBe(true);
      expect(json.secureJsonFields).toEqual({ other: true });
      const file = settingsFile(stateDir);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(file, 'utf8')).secureJsonData).toEqual({ other: 'x-secret' });

      await postJson(`${url}/api/plugins/${ID}/settings`, { jsonData: {} });
      expect((await getJson(`${url}/api/plugins/${ID}/settings`)).json.enabled).toBe(false);
    });
  });

  test('POST settings: non-admins get 403, bad bodies 400, and nothing changes', async () => {
    await withHost(async (url) => {
      expect((await postJson(`${url}/api/plugins/${ID}/settings`, { enabled: false }, asRole('Editor'))).status).toBe(
        403
      );
      const bad = await fetch(`${url}/api/plugins/${ID}/settings`, { method: 'POST', body: '{nope' });
      expect(bad.status).toBe(400);
      expect((await postJson(`${url}/api/plugins/${ID}/settings`, { secureJsonData: { token: 5 } })).status).toBe(400);
      const { json } = await getJson(`${url}/api/plugins/${ID}/settings`);
      expect(json).toMatchObject({ enabled: true, jsonData: { a: 1 }, secureJsonFields: { token: true } });
    });
  });

  test('resources go to the backend with the switched user and the saved settings', async () => {
    await withHost(async (url, { calls }) => {
      const res = await getJson(`${url}/api/plugins/${ID}/resources/functions/ns%2Fa?x=1`, asRole('Viewer'));
      expect(res).toEqual({
        status: 200,
        json: { role: 'Viewer', path: 'functions/ns%2Fa', url: 'functions/ns%2Fa?x=1' },
      });
      await postJson(`${url}/api/plugins/${ID}/resources/echo`, { hello: 1 }, asRole('Editor'));
      expect(calls.calls.map((c) => c.ctx.user.role)).toEqual(['Viewer', 'Editor']);
      expect(calls.calls[1].req).toMatchObject({ method: 'POST', path: 'echo' });
      expect(JSON.parse(calls.calls[1].req.body.toString())).toEqual({ hello: 1 });
      expect(calls.calls[1].ctx.settings.secureJsonData).toEqual({ token: 's3cr3t' });
      expect((await getJson(`${url}/api/plugins/${ID}/resources/x`)).json.role).toBe('Admin');
    });
  });

  test('health: Grafana JSON shape, 200 when OK', async () => {
    await withHost(async (url) => {
      expect(await getJson(`${url}/api/plugins/${ID}/health`)).toEqual({
        status: 200,
        json: { status: 'OK', message: 'fine' },
      });
      expect((await getJson(`${url}/api/plugins/other-app/settings`)).status).toBe(404);
      const metrics = await fetch(`${url}/metrics/plugins/${ID}`);
      expect(await metrics.text()).toBe('plugin_up 1\n');
    });
  });

  test('shell bootData: role and theme from the switches, Grafana 13.1.1, Prometheus only unless a Tempo URL is given', async () => {
    await withHost(async (url) => {
      const boot = bootDataOf(await (await fetch(`${url}/a/${ID}/functions`, { headers: asRole('Editor') })).text());
      expect(boot.user.orgRole).toBe('Editor');
      expect(boot.settings.buildInfo.version).toBe('13.1.1');
      expect(Object.keys(boot.settings.panels)).toEqual([
        'timeseries',
        'stat',
        'table',
        'gauge',
        'bargauge',
        'heatmap',
        'text',
      ]);
      expect(Object.values(boot.settings.datasources).map((ds: any) => ds.uid)).toEqual(['prometheus']);
      const app = boot.navTree.find((n: any) => n.id === 'apps').children[0];
      expect(app.children.map((c: any) => c.text)).toEqual(['Functions']);
      const light = await (await fetch(`${url}/a/${ID}/functions?theme=light`)).text();
      expect(bootDataOf(light).user.theme).toBe('light');
      expect(light).toContain('<body class="theme-light">');
      const fromCookie = await fetch(`${url}/`, { headers: { cookie: 'grafana_host_theme=light' } });
      expect(bootDataOf(await fromCookie.text()).user.theme).toBe('light');
      const admin = bootDataOf(await (await fetch(`${url}/`)).text());
      expect(admin.user.theme).toBe('dark');
      expect(admin.user.orgRole).toBe('Admin');
      expect(admin.navTree.find((n: any) => n.id === 'apps').children[0].children.map((c: any) => c.text)).toEqual([
        'Functions',
        'Configuration',
      ]);
    });
    await withHost(
      async (url) => {
        const boot = bootDataOf(await (await fetch(`${url}/`)).text());
        expect(Object.values(boot.settings.datasources).map((ds: any) => ds.uid)).toEqual(['prometheus', 'tempo']);
      },
      { tempoUrl: 'http://127.0.0.1:3200' }
    );
  });

  test('Prometheus resource reads are proxied read-only to the real Prometheus; other APIs are 404 JSON', async () => {
    await withHost(async (url) => {
      const labels = await getJson(`${url}/api/datasources/uid/prometheus/resources/api/v1/labels`);
      expect(labels.status).toBe(200);
      expect(labels.json.status).toBe('success');
      const form = await fetch(`${url}/api/datasources/uid/prometheus/resources/api/v1/series`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'match[]=up',
      });
      expect(form.status).toBe(200);
      expect(
        (await getJson(`${url}/api/datasources/uid/prometheus/resources/api/v1/admin/tsdb/delete_series`)).status
      ).toBe(404);
      expect((await getJson(`${url}/api/datasources/uid/prometheus`)).json).toMatchObject({
        uid: 'prometheus',
        type: 'prometheus',
      });
      expect(await getJson(`${url}/api/nothing-here`)).toEqual({ status: 404, json: { message: 'Not found' } });
      expect((await getJson(`${url}/api/health`)).json.version).toBe('13.1.1');
      expect((await fetch(`${url}/login`, { method: 'POST', body: '{}' })).status).toBe(200);
    });
  });
});
