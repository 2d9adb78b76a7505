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

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
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
      page.on('console', (msg) => msg.type() === 'error' && problems.consoleErrors.push(msg.text()));
      page.on('pageerror', (error) => problems.consoleErrors.push(`pageerror: ${error.message}`));
      page.on('requestfailed', (req) =>
        problems.failedRequests.push(`${req.method()} ${req.url()} ${req.failure()?.errorText}`)
      );
      page.on(
        'response',
        (res) =>
          res.status() >= 400 && problems.failedRequests.push(`${res.request().method()} ${res.url()} ${res.status()}`)
      );
      return { page, problems };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
