import { byTestId, expect, test } from './support/app';
import { control } from './support/control';
import { eventually } from './support/eventually';
import { functionRow, untilRowShowsARate } from './support/functionRows';

test.describe('outages show their own state and recover', () => {
  test('backend stopped → "does not answer", then the table again', async ({ page, app, problems }) => {
    problems.allow(/HTTP 50\d .*resources/);
    problems.allow(/console: Failed to load resource/);
    await control('backend/stop');
    try {
      await app.goto('functions');
      await expect(byTestId(page, 'kl-api-error-unreachable')).toBeVisible();
    } finally {
      await control('backend/start');
    }
    await eventually(
      async () => {
        await page.reload();
        await expect(functionRow(page, 'hello-python')).toBeVisible({ timeout: 5_000 });
      },
      { timeout: 60_000 }
    );
  });

  test('Prometheus stopped → the query error, then numbers again', async ({ page, app, problems }) => {
    // Grafana answers a datasource that cannot be reached with 400 or 5xx, by version
    problems.allow(/HTTP [45]\d\d .*api\/ds\/query/);
    problems.allow(/console: Failed to load resource/);
    await control('prometheus/stop');
    try {
      await app.goto('functions');
      await expect(page.getByText('Prometheus query failed')).toBeVisible();
    } finally {
      await control('prometheus/start');
    }
    await untilRowShowsARate(page, 'hello-python', 90_000);
  });
});
