import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export { ARGS as CHROMIUM_ARGS };

export interface PageProblems {
  /** console errors and uncaught page errors, with the URL they point at (a failed resource's own URL) */
  consoleErrors: Array<{ text: string; url: string }>;
  /** network failures (not cancellations) and HTTP >= 400 answers */
  failedRequests: Array<{ request: string; status: number | string; url: string }>;
}

/** The plugin's own API answers (health, resources): their status is the backend's word, which the app shows as a state. */
export const PLUGIN_API = /\/api\/plugins\/[^/]+\/(health|resources)(\/|\?|$)/;

/** Problems the host itself is to blame for: everything except the plugin API's own error answers. */
export function hostProblems(problems: PageProblems): PageProblems {
  return {
    consoleErrors: problems.consoleErrors.filter((e) => !PLUGIN_API.test(e.url)),
    failedRequests: problems.failedRequests.filter((r) => !PLUGIN_API.test(r.url)),
  };
}

export interface HostBrowser {
  context: BrowserContext;
  /** A new page whose console errors, page errors and failed (>= 400 or aborted) requests are collected. */
  newPage(): Promise<{ page: Page; problems: PageProblems }>;
  close(): Promise<void>;
}

/** Debian's Chromium through playwright-core; throws when it is not installed (the test must fail, not skip). */
export async function launchHostBrowser(): Promise<HostBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium`);
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'host-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const problems: PageProblems = { consoleErrors: [], failedRequests: [] };
      page.on('console', (msg) => {
        if (msg.type() === 'error') {
          problems.consoleErrors.push({ text: msg.text(), url: msg.location().url });
        }
      });
      page.on('pageerror', (error) =>
        problems.consoleErrors.push({ text: `pageerror: ${error.message}`, url: page.url() })
      );
      page.on('requestfailed', (req) => {
        const reason = req.failure()?.errorText ?? 'failed';
        if (reason !== 'net::ERR_ABORTED') {
          problems.failedRequests.push({ request: req.method(), status: reason, url: req.url() });
        }
      });
      page.on('response', (res) => {
        if (res.status() >= 400) {
          problems.failedRequests.push({ request: res.request().method(), status: res.status(), url: res.url() });
        }
      });
      return { page, problems };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
