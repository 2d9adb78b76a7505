// Chromium on the Functions page: navigation-to-rendered time, and what one refresh costs in /api/ds/query traffic.
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

import { PLUGIN_ID } from '../../../local/stack/plugin-id';
import { testIds } from '../../../src/testIds';
import { CHROMIUM, CHROMIUM_ARGS } from '../../host/browser';

export const FUNCTIONS_PATH = `/a/${PLUGIN_ID}/functions`;
const RUN_BUTTON = 'data-testid RefreshPicker run button';

export interface QueryTraffic {
  requests: number;
  queries: number;
  /** response bodies, bytes */
  bytes: number;
}

export interface Navigation {
  /** ms from navigation start (the page's time origin) to the rendered table */
  renderedMs: number;
  /** /api/ds/query traffic of the navigation's own refresh */
  load: QueryTraffic;
  /** files of dist/ the page loaded (module.js and the chunks it pulled in) */
  pluginScripts: string[];
  /** ms from navigation start until the responses of GET functions and of the ds/query had arrived */
  functionsAnsweredMs: number;
  dsQueryAnsweredMs: number;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Runs `use` in a fresh browser context (an empty cache), closed afterwards whatever happens. */
async function inFreshContext<T>(browser: Browser, use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await use(context);
  } finally {
    await context.close();
  }
}

/** The little of the DOM the wait reads (the node side has no DOM lib). */
interface DomNode {
  textContent: string | null;
  previousElementSibling: DomNode | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}

interface Perf {
  now(): number;
  getEntriesByType(type: 'resource'): Array<{ name: string; responseEnd: number }>;
}

/** Counts /api/ds/query requests, the queries[] they carry and their response bytes, from now on. */
function recordQueries(page: Page): { traffic: QueryTraffic; settled: () => Promise<void> } {
  const traffic: QueryTraffic = { requests: 0, queries: 0, bytes: 0 };
  const pending: Array<Promise<void>> = [];
  page.on('request', (req: Request) => {
    if (!req.url().includes('/api/ds/query')) {
      return;
    }
    traffic.requests++;
    traffic.queries += (req.postDataJSON()?.queries ?? []).length;
    // sizes() rather than body(): body() fails on the multi-megabyte answers of 10,000 functions
    pending.push(
      req
        .response()
        .then((res) => res?.request().sizes())
        .then((sizes) => void (traffic.bytes += sizes?.responseBodySize ?? 0))
        .catch(() => undefined)
    );
  });
  return { traffic, settled: async () => void (await Promise.all(pending)) };
}

/**
 * Rendered = the table says "<N> of <N> functions", no loading placeholder, the page's /api/ds/query has been
 * answered (a resource timing entry) and the Invocations/s column (the first Prometheus-joined column) shows a
 * non-zero rate. Resolves to the page's performance.now().
 */
export async function waitForRenderedTable(page: Page, total: number): Promise<number> {
  const handle = await page
    .waitForFunction(
      ({ tableId, total }) => {
        const { document: doc, performance: perf } = globalThis as unknown as { document: DomNode; performance: Perf };
        const table = doc.querySelector(`[data-testid="${tableId}"]`);
        const summary = table?.previousElementSibling?.textContent ?? '';
        const loading = doc.querySelector('body')?.textContent?.includes('Loading functions');
        if (!table || loading || !summary.includes(`${total} of ${total} functions`)) {
          return false;
        }
        const headers = Array.from(table.querySelectorAll('th')).map((th) => th.textContent ?? '');
        const col = headers.findIndex((h) => h.startsWith('Invocations'));
        const cells = Array.from(table.querySelectorAll(`tbody tr td:nth-child(${col + 1})`));
        const answered = perf.getEntriesByType('resource').some((e) => e.name.includes('/api/ds/query'));
        // before the query answers, joined rows show '0 /s'; the bench's functions all have traffic
        const joined = cells.some((td) => /[1-9]/.test(td.textContent ?? ''));
        return col >= 0 && answered && joined ? perf.now() : false;
      },
      { tableId: testIds.functions.table, total },
      { polling: 'raf', timeout: 300_000 }
    )
    .catch(async (error: Error) => {
      throw new Error(`${error.message}: the Functions table never rendered; the page shows:\n${await pageText(page)}`);
    });
  return Number(await handle.jsonValue());
}

async function pageText(page: Page): Promise<string> {
  return page
    .evaluate(() => (globalThis as unknown as { document: DomNode }).document.querySelector('body')?.textContent ?? '')
    .then((text) => text.slice(0, 2000))
    .catch((error: Error) => `(unreadable: ${error.message})`);
}

/** One navigation in a fresh page of `context` (the first one in a context loads the bundle cold). */
async function navigate(context: BrowserContext, baseUrl: string, total: number): Promise<Navigation> {
  const page = await context.newPage();
  try {
    const { traffic, settled } = recordQueries(page);
    await page.goto(`${baseUrl}${FUNCTIONS_PATH}`, { waitUntil: 'commit' });
    const renderedMs = await waitForRenderedTable(page, total);
    await page.waitForLoadState('networkidle');
    await settled();
    const entries = await page.evaluate(() =>
      (globalThis as unknown as { performance: Perf }).performance
        .getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname, responseEnd: e.responseEnd }))
    );
    const answered = (suffix: string) =>
      Math.max(...entries.filter((e) => e.path.endsWith(suffix)).map((e) => e.responseEnd));
    const pluginScripts = entries
      .map((e) => e.path)
      .filter((p) => p.includes('/public/plugins/') && p.endsWith('.js'))
      .map((p) => p.slice(p.lastIndexOf('/') + 1));
    return {
      renderedMs,
      load: traffic,
      pluginScripts,
      functionsAnsweredMs: answered('/resources/functions'),
      dsQueryAnsweredMs: answered('/api/ds/query'),
    };
  } finally {
    await page.close();
  }
}

/** `runs` navigations in one browser context: the first with an empty cache, the rest with the bundle cached. */
export async function navigations(
  browser: Browser,
  baseUrl: string,
  total: number,
  runs: number
): Promise<Navigation[]> {
  return inFreshContext(browser, async (context) => {
    const result: Navigation[] = [];
    for (let i = 0; i < runs; i++) {
      result.push(await navigate(context, baseUrl, total));
    }
    return result;
  });
}

/** ms from a click on a nav link to the rendered table, in a host that was already booted (Grafana's usual case) */
export interface InAppNavigation {
  renderedMs: number;
}

const navLink = (page: Page, text: string) =>
  page.locator('[data-testid="data-testid navigation mega-menu"] a', { hasText: new RegExp(`^${text}$`) }).first();

/** Marks the time of the next click in the page (performance.now()), to subtract from the rendered time. */
async function markNextClick(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      __klClickAt?: number;
      performance: Perf;
      addEventListener(type: string, f: () => void, o: object): void;
    };
    g.addEventListener('click', () => void (g.__klClickAt = g.performance.now()), { capture: true, once: true });
  });
}

/**
 * The host boots on its home page; then, `runs` times, a click on the Functions nav link (a client-side route
 * change, as in Grafana) until the table renders, and back to Home. The first run loads the plugin's scripts.
 */
export async function inAppNavigations(
  browser: Browser,
  baseUrl: string,
  total: number,
  runs: number
): Promise<InAppNavigation[]> {
  return inFreshContext(browser, async (context) => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    // the menu starts closed, as Grafana's undocked mega menu does; it stays open across route changes
    await page.getByRole('button', { name: 'Toggle menu' }).click({ timeout: 120_000 });
    await navLink(page, 'Functions').waitFor();
    const result: InAppNavigation[] = [];
    for (let i = 0; i < runs; i++) {
      await markNextClick(page);
      await navLink(page, 'Functions').click();
      const renderedAt = await waitForRenderedTable(page, total);
      const clickedAt = await page.evaluate(() => (globalThis as unknown as { __klClickAt: number }).__klClickAt);
      result.push({ renderedMs: renderedAt - clickedAt });
      await page.waitForLoadState('networkidle');
      await navLink(page, 'Home').click();
      await page.waitForURL(`${baseUrl}/`);
    }
    return result;
  });
}

/** Loads the page, then presses the refresh button and records that refresh's traffic. */
export async function refreshTraffic(
  browser: Browser,
  baseUrl: string,
  total: number,
  screenshot: string
): Promise<QueryTraffic> {
  return inFreshContext(browser, async (context) => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${FUNCTIONS_PATH}`, { waitUntil: 'commit' });
    await waitForRenderedTable(page, total);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: screenshot, fullPage: true });
    const { traffic, settled } = recordQueries(page);
    const answered = page.waitForResponse((r) => r.url().includes('/api/ds/query'), { timeout: 120_000 });
    await page.locator(`[data-testid="${RUN_BUTTON}"]`).click();
    await answered;
    await page.waitForTimeout(1000); // any further request of the same refresh
    await settled();
    return traffic;
  });
}
