// The host's core panel approximations in Chromium, through the same path a scene's VizPanel takes
// (getPluginImportUtils().importPanelPlugin + applyFieldOverrides): they show the data, not pixels.
import type { Page } from 'playwright-core';

import { startHost, type RunningHost } from '../../local/host/server';

import { launchHostBrowser, type HostBrowser, type PageProblems } from './browser';
import { removeFixtureDirs, tempStateDir } from './fixtures';
import { panelsFixtureDist } from './panels-fixture';

let host: RunningHost;
let browser: HostBrowser;
let page: Page;
let problems: PageProblems;

const panel = (id: string) => page.locator(`[data-testid="fixture ${id}"]`);

beforeAll(async () => {
  host = await startHost({
    distDir: panelsFixtureDist(),
    stateDir: tempStateDir(),
    prometheusUrl: 'http://127.0.0.1:9',
    backend: null,
    initialSettings: { enabled: true },
  });
  browser = await launchHostBrowser();
  ({ page, problems } = await browser.newPage());
  await page.goto(`${host.url}/a/knative-lambda-app/panels`);
  await page.getByText('Panel plugin not found: no-such-panel').waitFor({ timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  removeFixtureDirs();
});

test('stat, bar gauge and gauge show the last value', async () => {
  for (const id of ['stat', 'bargauge', 'gauge']) {
    await expect(panel(id).innerText()).resolves.toContain('42');
  }
});

test('table shows the frame as rows and the display name as a header', async () => {
  const text = await panel('table').innerText();
  expect(text).toContain('checkout');
  const cells = await panel('table').getByRole('gridcell').allInnerTexts();
  expect(cells.filter((_, i) => i % 2 === 1)).toEqual(['1', '2', '42']);
});

test('time series draws a canvas and lists the series in its legend', async () => {
  await expect(panel('timeseries').locator('canvas').count()).resolves.toBeGreaterThan(0);
  await expect(panel('timeseries').innerText()).resolves.toContain('checkout');
});

test('heatmap has one row per bucket', async () => {
  await expect(panel('heatmap').locator('canvas').getAttribute('data-rows')).resolves.toBe('0.5');
});

test('text renders markdown; an unknown panel id says so; no console errors', async () => {
  await expect(panel('text').locator('h1').innerText()).resolves.toBe('Hello host');
  await expect(panel('text').locator('h1 strong').innerText()).resolves.toBe('host');
  await expect(panel('no-such-panel').innerText()).resolves.toContain('Panel plugin not found: no-such-panel');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
});
