import { allAlerts } from '../../rules/definition';
import { RULES_CONFIG } from '../../rules/config';
import { BURN_RATE_WINDOWS } from '../../rules/slo';
import { byTestId, expect, test } from './support/app';
import { DEMO_NAMESPACE } from './support/demo';
import type { Page } from '@playwright/test';

const TAB_CHECKS: Record<string, (page: Page) => Promise<void>> = {
  overview: async (page) => {
    await expect(page.getByText('Invocations by status')).toBeVisible();
    await expect(page.getByText('Cold starts')).toBeVisible();
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
    const table = byTestId(page, 'kl-functions-table');
    await expect(table.locator('tbody tr')).not.toHaveCount(0);
    await expect(byTestId(page, `kl-function-row ${DEMO_NAMESPACE}/hello-python`)).toContainText(/[1-9][\d.]* \/s/);
    await expect(byTestId(page, 'kl-runtime-summary')).toContainText('python');
    await app.screenshots('functions');
  });

  for (const [tab, check] of Object.entries(TAB_CHECKS)) {
    test(`Function detail, ${tab} tab`, async ({ page, app }) => {
      await app.goto(`functions/${DEMO_NAMESPACE}/checkout-nodejs/${tab}`);
      await expect(page.getByRole('heading', { name: 'checkout-nodejs' })).toBeVisible();
      await check(page);
      await app.screenshots(`detail-${tab}`);
    });
  }

  test('Operator: status from the backend and its panels', async ({ page, app }) => {
    await app.goto('operator');
    await expect(byTestId(page, 'kl-operator-status')).toContainText('installed (v1alpha1');
    await expect(page.getByText('Build queue depth')).toBeVisible();
    await app.screenshots('operator');
  });

  test('Alerts: every generated rule with its state now', async ({ page, app }) => {
    await app.goto('alerts');
    await expect(byTestId(page, 'kl-alert-rules').locator('tbody tr')).toHaveCount(allAlerts(RULES_CONFIG).length);
    await app.screenshots('alerts');
  });

  test('Configuration page', async ({ page, app }) => {
    await page.goto('/plugins/knative-lambda-app');
    await expect(byTestId(page, 'kl-config')).toBeVisible();
    await app.screenshots('configuration');
  });
});
