// The data source uid `prometheus` in the host is Grafana's real Prometheus frontend (@grafana/prometheus):
// its variable escaping is what users get, and its queries reach a real Prometheus through /api/ds/query.
import { startHost, type RunningHost } from '../../local/host/server';
import { startPrometheus, type Prometheus } from '../../local/prometheus';

import { launchHostBrowser, type HostBrowser } from './browser';
import { removeFixtureDirs, tempStateDir } from './fixtures';
import { prometheusFixtureDist } from './prometheus-fixture';

let prometheus: Prometheus;
let host: RunningHost;
let browser: HostBrowser;

beforeAll(async () => {
  prometheus = await startPrometheus({ jobs: [] });
  host = await startHost({
    distDir: prometheusFixtureDist(),
    stateDir: tempStateDir(),
    prometheusUrl: prometheus.url,
    backend: null,
    initialSettings: { enabled: true },
  });
  browser = await launchHostBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await prometheus?.stop();
  removeFixtureDirs();
});

test('PrometheusDatasource escapes multi-value variables and its query comes back from Prometheus', async () => {
  const { page, problems } = await browser.newPage();
  const queries: unknown[] = [];
  page.on('request', (req) => req.url().includes('/api/ds/query') && queries.push(req.postDataJSON()));
  await page.goto(`${host.url}/a/knative-lambda-app/query`);
  const out = page.locator('[data-testid="fixture prometheus"]');
  await page.waitForFunction(
    () => (globalThis as any).document.querySelector('[data-testid="fixture prometheus"]')?.textContent,
    null,
    {
      timeout: 30_000,
    }
  );
  const result = JSON.parse(await out.innerText());
  expect(result).toEqual({
    type: 'prometheus',
    promFrontend: true,
    expr: 'up{job=~"(prometheus|a\\\\.b\\\\|c)"}',
    state: 'Done',
    values: [42],
  });
  expect(queries).toHaveLength(1);
  expect(queries[0]).toMatchObject({
    queries: [{ refId: 'A', expr: 'vector(42)', datasource: { uid: 'prometheus' } }],
  });
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
  await page.close();
}, 60_000);
