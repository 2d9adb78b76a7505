// The Grafana-shaped host in a real browser (Debian's Chromium): it loads the built dist/module.js the way
// Grafana does, the app's default page renders from the real backend and a real Prometheus with no console error
// and no failed request, the user switch changes the role the server sees, and the config page round-trips a save.
import type { Page } from 'playwright-core';

import { testIds } from '../../src/testIds';

import { hostProblems, launchHostBrowser, type HostBrowser, type PageProblems } from './browser';
import { FUNCTIONS, startHostStack, type HostStack } from './stack';

const ID = 'knative-lambda-app';
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

let stack: HostStack;
let browser: HostBrowser;

beforeAll(async () => {
  stack = await startHostStack();
  browser = await launchHostBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function settings(role = 'Admin'): Promise<{ text: string; json: Record<string, any> }> {
  const res = await fetch(`${stack.host.url}/api/plugins/${ID}/settings`, {
    headers: { cookie: `grafana_host_role=${role}` },
  });
  const text = await res.text();
  return { text, json: JSON.parse(text) };
}

async function switchRole(page: Page, role: string): Promise<void> {
  await Promise.all([
    page.waitForEvent('load'),
    byTestId(page, 'host-user-switch').getByRole('radio', { name: role, exact: true }).check(),
  ]);
}

const noProblems: PageProblems = { consoleErrors: [], failedRequests: [] };

test('the app root page loads dist/module.js as a script and renders with no console error or failed request', async () => {
  const { page, problems } = await browser.newPage();
  const defaultNavUrl = (await settings()).json.defaultNavUrl as string;
  const started = Date.now();
  await page.goto(`${stack.host.url}${defaultNavUrl}`);
  for (const f of FUNCTIONS) {
    await byTestId(page, testIds.functions.row(f.namespace, f.name)).waitFor({ timeout: 30_000 });
  }
  const renderedMs = Date.now() - started;
  await page.waitForLoadState('networkidle');
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e as unknown as { name: string; initiatorType: string })
      .filter((e) => e.name.includes('/public/plugins/'))
      .map((e) => ({ path: new URL(e.name).pathname, initiator: e.initiatorType }))
  );
  expect(scripts).toContainEqual({ path: `/public/plugins/${ID}/module.js`, initiator: 'script' });
  expect(problems).toEqual(noProblems);
  console.log(`host: ${defaultNavUrl} rendered its function rows ${renderedMs} ms after navigation`);
  await page.close();
}, 90_000);

test('the user switch changes the role the server sees', async () => {
  const { page, problems } = await browser.newPage();
  await page.goto(`${stack.host.url}/a/${ID}/functions`);
  await switchRole(page, 'Viewer');
  expect(await page.evaluate(() => (globalThis as any).grafanaBootData.user.orgRole)).toBe('Viewer');
  const orgs = await page.evaluate(() => fetch('/api/user/orgs').then((r) => r.json()));
  expect(orgs).toEqual([{ orgId: 1, name: 'Main Org.', role: 'Viewer' }]);
  const write = await page.evaluate(() =>
    fetch(`/api/plugins/knative-lambda-app/settings`, {
      method: 'POST',
      body: JSON.stringify({ enabled: false }),
    }).then((r) => r.status)
  );
  expect(write).toBe(403);
  expect((await settings()).json.enabled).toBe(true);
  await switchRole(page, 'Admin');
  expect(await page.evaluate(() => (globalThis as any).grafanaBootData.user.orgRole)).toBe('Admin');
  // the only error is the refused write itself
  const refused = `${stack.host.url}/api/plugins/${ID}/settings`;
  expect(problems.consoleErrors.map((e) => e.url)).toEqual([refused]);
  expect(problems.failedRequests).toEqual([{ request: 'POST', status: 403, url: refused }]);
  await page.close();
}, 90_000);

test('the config page round-trips a save; the secret shows as configured and is never returned', async () => {
  const { page, problems } = await browser.newPage();
  await page.goto(`${stack.host.url}/plugins/${ID}`);
  await byTestId(page, testIds.config.namespaces).fill('shop, billing');
  await byTestId(page, testIds.config.save).click();
  await byTestId(page, testIds.config.health).waitFor();
  // CheckHealth ran with the saved settings: the API server answered (the operator is simply not deployed here).
  expect(await byTestId(page, testIds.config.health).innerText()).toContain('kubernetesReachable: true');
  await page.reload();
  await expect(byTestId(page, testIds.config.namespaces).inputValue()).resolves.toBe('shop, billing');
  expect((await settings()).json.jsonData.kubernetes.namespaces).toEqual(['shop', 'billing']);

  const secret = 'tok-e2e-never-echoed';
  await byTestId(page, testIds.config.mode).getByRole('radio', { name: 'API URL + token' }).check();
  await byTestId(page, testIds.config.apiUrl).fill('https://127.0.0.1:6443');
  await byTestId(page, testIds.config.token).fill(secret);
  await byTestId(page, testIds.config.save).click();
  await byTestId(page, testIds.config.health).waitFor();
  await page.reload();
  await byTestId(page, testIds.config.apiUrl).waitFor();
  await expect(byTestId(page, testIds.config.apiUrl).inputValue()).resolves.toBe('https://127.0.0.1:6443');
  await expect(page.getByRole('button', { name: 'Reset' }).isVisible()).resolves.toBe(true);
  const after = await settings();
  expect(after.json.secureJsonFields).toEqual({ bearerToken: true });
  expect(after.text).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);
  expect(hostProblems(problems)).toEqual(noProblems);
  await page.close();
}, 90_000);
