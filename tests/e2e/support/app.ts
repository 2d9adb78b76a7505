import { expect, test as base, type Page } from '@playwright/test';

import { screenshotPath } from './screenshots';

export const PLUGIN_ID = 'knative-lambda-app';
export type Role = 'Admin' | 'Editor' | 'Viewer';
export type Theme = 'light' | 'dark';

/** Which user the browser is: the host's role switch cookie, or basic auth of E2E_<ROLE>_AUTH=user:password on a real Grafana. */
async function signInAs(page: Page, role: Role): Promise<void> {
  const auth = process.env[`E2E_${role.toUpperCase()}_AUTH`];
  if (auth) {
    await page.context().setExtraHTTPHeaders({ Authorization: `Basic ${Buffer.from(auth).toString('base64')}` });
    return;
  }
  const url = new URL(process.env.GRAFANA_URL!);
  await page.context().addCookies([{ name: 'grafana_host_role', value: role, domain: url.hostname, path: '/' }]);
}

/** What went wrong in the page: console errors, page errors, failed or 5xx requests (expected ones excluded). */
export class PageProblems {
  readonly items: string[] = [];
  private allowed: RegExp[] = [];

  constructor(page: Page) {
    page.on('console', (m) => m.type() === 'error' && this.add(`console: ${m.text()}`));
    page.on('pageerror', (e) => this.add(`page error: ${e.message}`));
    page.on('response', (r) => r.status() >= 400 && this.add(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`));
    page.on('requestfailed', (r) => {
      if (!/ERR_ABORTED|cancel/i.test(r.failure()?.errorText ?? '')) {
        this.add(`request failed: ${r.url()} ${r.failure()?.errorText}`);
      }
    });
  }

  allow(pattern: RegExp) {
    this.allowed.push(pattern);
  }

  private add(text: string) {
    if (!this.allowed.some((p) => p.test(text))) {
      this.items.push(text);
    }
  }
}

export interface AppFixtures {
  problems: PageProblems;
  app: {
    goto(path: string, opts?: { role?: Role; theme?: Theme; query?: string }): Promise<void>;
    /** a screenshot of the whole page in the light and the dark theme, each taken once `ready` passes */
    screenshots(name: string, ready: () => Promise<void>): Promise<void>;
  };
}

export const test = base.extend<AppFixtures>({
  problems: async ({ page }, use) => {
    const problems = new PageProblems(page);
    await use(problems);
    expect(problems.items, 'console errors and failed requests').toEqual([]);
  },
  app: async ({ page }, use) => {
    let current = '';
    const goto = async (path: string, opts: { role?: Role; theme?: Theme; query?: string } = {}) => {
      await signInAs(page, opts.role ?? 'Admin');
      const query = new URLSearchParams(opts.query ?? '');
      if (opts.theme) {
        query.set('theme', opts.theme);
      }
      current = `/a/${PLUGIN_ID}/${path}${query.size ? `?${query}` : ''}`;
      await page.goto(current);
    };
    const screenshots = async (name: string, ready: () => Promise<void>) => {
      for (const theme of ['light', 'dark'] as const) {
        const url = new URL(page.url());
        url.searchParams.set('theme', theme);
        await page.goto(url.toString());
        await ready();
        await page.waitForLoadState('networkidle');
        // panels draw their canvases after the last answer arrives
        await page.waitForTimeout(1_000);
        await page.screenshot({ path: screenshotPath(name, theme), fullPage: true });
      }
    };
    await use({ goto, screenshots });
  },
});

export { expect };

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="data-testid ${id}"]`);
