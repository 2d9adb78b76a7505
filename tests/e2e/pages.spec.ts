import type { Page } from '@playwright/test';

import { RULES_CONFIG } from '../../rules/config';
import { allAlerts } from '../../rules/definition';
import { BURN_RATE_WINDOWS } from '../../rules/slo';
import type { PanelQueries } from '../../src/queries/functionOverview';
import { overviewPanels } from '../../src/queries/functionOverview';
import { operatorPanels } from '../../src/queries/operator';

import { byTestId, expect, test } from './support/app';
import { DEMO_NAMESPACE } from './support/demo';
import { functionRow, NON_ZERO_RATE, untilRowShowsARate } from './support/functionRows';

/** The panel draws its series, or says why it has none in its own words (its noValue), never a bare "No data". */
async function expectDrawnOrExplained(page: Page, panel: PanelQueries): Promise<void> {
  const chrome = page.getByTestId(`data-testid Panel header ${panel.title}`);
  await expect(
    chrome
      .locator('canvas')
      .or(chrome.getByText(panel.noValue!, { exact: true }))
      .first()
  ).toBeVisible();
}

const TAB_CHECKS: Record<string, (page: Page) => Promise<void>> = {
  overview: async (page) => {
    await expect(page.getByText('Invocations by status')).toBeVisible();
    await expect(page.getByText('Cold starts')).toBeVisible();
    await expectDrawnOrExplained(page, overviewPanels(DEMO_NAMESPACE, 'checkout-nodejs').memory);
  },
  slo: async (page) => {
    await expect(byTestId(page, 'kl-burn-table').locator('tbody tr')).toHaveCount(BURN_RATE_WINDOWS.length);
    await expect(byTestId(page, 'kl-slo-tile budget')).toContainText('%');
  },
  builds: async (page) => {
    await expect(byTestId(page, 'kl-builds').locator('tbody tr')).not.toHaveCount(0);
  },
  kubernetes: async (page) => {
    await expect(byTestId(page, 'kl-conditions').locator('tbody tr')).not.toHaveCount(0);
    await expect(byTestId(page, 'kl-spec')).toContainText('nodejs');
  },
  traces: async (page) => {
    await expect(byTestId(page, 'kl-trace-ids').locator('li[data-trace-id]')).not.toHaveCount(0);
  },
};

test.describe('every page renders real data, with no console errors or failed requests', () => {
  test('Functions: rows with numbers from Prometheus and the by-runtime summary', async ({ page, app }) => {
    await app.goto('functions');
    // on a fresh stack a rate needs two scrapes of traffic: reload until it is there
    await untilRowShowsARate(page, 'hello-python', 180_000);
    const ready = async () => {
      await expect(byTestId(page, 'kl-functions-table').locator('tbody tr')).not.toHaveCount(0);
      await expect(functionRow(page, 'hello-python')).toContainText(NON_ZERO_RATE);
      await expect(byTestId(page, 'kl-runtime-summary')).toContainText('python');
    };
    await ready();
    await app.screenshots('functions', ready);
  });

  for (const [tab, check] of Object.entries(TAB_CHECKS)) {
    test(`Function detail, ${tab} tab`, async ({ page, app }) => {
      await app.goto(`functions/${DEMO_NAMESPACE}/checkout-nodejs/${tab}`);
      await expect(page.getByRole('heading', { name: 'checkout-nodejs' })).toBeVisible();
      await check(page);
      await app.screenshots(`detail-${tab}`, () => check(page));
    });
  }

  test('Operator: status from the backend and its panels', async ({ page, app }) => {
    await app.goto('operator');
    const ready = async () => {
      await expect(byTestId(page, 'kl-operator-status')).toContainText('installed (v1alpha1');
      await expect(page.getByText('Build queue depth')).toBeVisible();
    };
    await ready();
    await expect(page.getByTestId('data-testid TimePicker Open Button')).toContainText(/Last 1 hour/);
    // zero-means-none panels of a scraped operator: an explicit 0 line, never "No data"
    const p = operatorPanels();
    for (const panel of [p.buildJobs, p.alerts, p.errors]) {
      const chrome = page.getByTestId(`data-testid Panel header ${panel.title}`);
      await expect(chrome).toContainText(panel.queries[1].legendFormat!);
      await expect(chrome).not.toContainText('No data');
    }
    for (const panel of [p.queueWait, p.buildDuration]) {
      await expectDrawnOrExplained(page, panel);
    }
    await app.screenshots('operator', ready);
  });

  test('Alerts: every generated rule with its state now', async ({ page, app }) => {
    await app.goto('alerts');
    const ready = () =>
      expect(byTestId(page, 'kl-alert-rules').locator('tbody tr')).toHaveCount(allAlerts(RULES_CONFIG).length);
    await ready();
    await app.screenshots('alerts', ready);
  });

  test('Configuration page', async ({ page, app }) => {
    await page.goto('/plugins/knative-lambda-app');
    const ready = () => expect(byTestId(page, 'kl-config-save')).toBeVisible();
    await ready();
    await app.screenshots('configuration', ready);
  });
});
