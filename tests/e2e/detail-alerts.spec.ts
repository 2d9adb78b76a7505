import { BAND_PANELS_OF_ALERT } from '../../src/model/alertBands';
import { ALERT_NAMES } from '../../src/model/alertNames';
import { overviewPanels } from '../../src/queries/functionOverview';

import { byTestId, expect, test } from './support/app';
import { DEMO_NAMESPACE } from './support/demo';
import { eventually } from './support/eventually';
import { promQuery } from './support/prometheus';

const FN = 'checkout-nodejs';

/** The banded alerts Prometheus has pending or firing for the function now (ALERTS, as the page reads it). */
async function activeBandedAlerts(): Promise<string[]> {
  const rows = await promQuery(
    `max by (alertname, alertstate) (ALERTS{namespace="${DEMO_NAMESPACE}", function="${FN}", alertstate=~"firing|pending"})`
  );
  return rows
    .filter((r) => r.metric.alertname in BAND_PANELS_OF_ALERT)
    .map((r) => `${r.metric.alertname} ${r.metric.alertstate}`);
}

/** A fresh stack needs the error-rate alert's expression to hold first: waits until Prometheus has it pending or firing. */
const untilErrorRateAlertIsActive = () =>
  eventually(
    async () => {
      expect((await activeBandedAlerts()).some((a) => a.startsWith(ALERT_NAMES.highErrorRate))).toBe(true);
    },
    { timeout: 240_000, intervals: [5_000] }
  );

test.describe('alert bands from ALERTS on the detail tabs', () => {
  for (const tab of ['overview', 'slo']) {
    test(`${tab}: the erroring demo function's error-rate alert is a band, as Prometheus has it`, async ({
      page,
      app,
    }) => {
      await untilErrorRateAlertIsActive();
      // an alert that turned active seconds ago may not be in the page's last step yet: reload until it is
      await eventually(
        async () => {
          const active = await activeBandedAlerts();
          await app.goto(`functions/${DEMO_NAMESPACE}/${FN}/${tab}`, { query: 'from=now-30m&to=now' });
          const bands = byTestId(page, 'kl-alert-bands');
          await expect(bands).toContainText('Alerts pending or firing in this range', { timeout: 10_000 });
          for (const alert of active) {
            const [name] = alert.split(' ');
            await expect(bands.locator(`[data-band^="${name} "]`)).not.toHaveCount(0, { timeout: 10_000 });
          }
        },
        { timeout: 120_000 }
      );
    });
  }

  test('overview: the error-rate band is drawn on the error panel, and not on a panel it does not concern', async ({
    page,
    app,
  }) => {
    await untilErrorRateAlertIsActive();
    const { errorRatio: banded, invocations: unbanded } = overviewPanels(DEMO_NAMESPACE, FN);
    // the marker's title is the band's label: "<alertname>[ <pair>] <state>"
    const bandMarkers = (title: string) =>
      page
        .getByTestId(`data-testid Panel header ${title}`)
        .locator(`[data-testid="data-testid annotation-marker"][title^="${ALERT_NAMES.highErrorRate} "]`);
    await eventually(
      async () => {
        await app.goto(`functions/${DEMO_NAMESPACE}/${FN}/overview`, { query: 'from=now-30m&to=now' });
        await expect(bandMarkers(banded.title)).not.toHaveCount(0, { timeout: 10_000 });
      },
      { timeout: 120_000 }
    );
    await expect(bandMarkers(unbanded.title)).toHaveCount(0);
    // build markers go to every panel, the unbanded one too
    await expect(
      page
        .getByTestId(`data-testid Panel header ${unbanded.title}`)
        .locator('[data-testid="data-testid annotation-marker"][title="Build started"]')
    ).not.toHaveCount(0);
  });

  test('the healthy demo function has no band', async ({ page, app }) => {
    await app.goto(`functions/${DEMO_NAMESPACE}/hello-python/overview`, { query: 'from=now-30m&to=now' });
    await expect(byTestId(page, 'kl-alert-bands')).toContainText('Alerts pending or firing in this range: none');
  });
});

test.describe('app root and unknown paths', () => {
  test('the bare app root opens Functions with the query string it came with', async ({ page, app }) => {
    await app.goto('', { query: 'from=now-3h&to=now' });
    await expect(page).toHaveURL(/\/a\/knative-lambda-app\/functions\?(.*&)?from=now-3h/);
    await expect(byTestId(page, 'kl-functions-table')).toBeVisible();
  });

  test('an unknown path shows the not-found page with a link to Functions', async ({ page, app }) => {
    await app.goto('no-such-page', { query: 'from=now-3h' });
    const notFound = byTestId(page, 'kl-not-found');
    await expect(notFound).toContainText('/a/knative-lambda-app/no-such-page');
    await notFound.getByRole('link', { name: 'Functions' }).click();
    await expect(byTestId(page, 'kl-functions-table')).toBeVisible();
  });
});
