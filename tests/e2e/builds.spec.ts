import { expect, test } from './support/app';
import { control } from './support/control';
import { DEMO_NAMESPACE } from './support/demo';

test('a rebuild triggered by the test appears as build markers on the overview', async ({ page, app }) => {
  const started = Date.now();
  await control(`rebuild/${DEMO_NAMESPACE}/hello-python`);
  await app.goto(`functions/${DEMO_NAMESPACE}/hello-python/builds`);
  await expect(async () => {
    await page.reload();
    await expect(page.locator('tr[data-state="Complete"]').first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 300_000 });
  const markers = await page.evaluate(
    async ({ ns, name }) => {
      const r = await fetch(`/api/plugins/knative-lambda-app/resources/functions/${ns}/${name}`);
      return ((await r.json()) as { buildJobs: Array<{ startedAt?: string }> }).buildJobs.map((j) =>
        Date.parse(j.startedAt ?? '')
      );
    },
    { ns: DEMO_NAMESPACE, name: 'hello-python' }
  );
  expect(markers.some((t) => t >= started - 5_000)).toBe(true);
  await app.goto(`functions/${DEMO_NAMESPACE}/hello-python/overview`, { query: 'from=now-15m&to=now' });
  const strip = page.locator('[data-testid="data-testid kl-build-markers"]');
  await expect(strip.locator('[data-marker="Build started"]')).not.toHaveCount(0);
  await expect(strip.locator('[data-marker="Build finished"]')).not.toHaveCount(0);
});
