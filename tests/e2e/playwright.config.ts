import { defineConfig } from '@playwright/test';

import { CHROMIUM, CHROMIUM_ARGS } from '../host/browser';

import { screenshotDir } from './support/screenshots';

/**
 * Browser specs of the app pages, in @grafana/plugin-e2e style, against a Grafana (or the local stack's Grafana-shaped
 * host) at GRAFANA_URL. `npx playwright test -c tests/e2e/playwright.config.ts` (README.md beside this file).
 */
const baseURL = process.env.GRAFANA_URL;
if (!baseURL) {
  throw new Error(
    'GRAFANA_URL is required (the local stack prints it as "host"; or a real Grafana with the plugin installed)'
  );
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  globalSetup: require.resolve('./support/global-setup'),
  outputDir: `${screenshotDir()}/../test-results`,
  use: {
    baseURL,
    viewport: { width: 1600, height: 1000 },
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
});
