import type { FunctionDetailResponse } from '../../backend/api/types';

import { expect, test } from './support/app';
import { control } from './support/control';
import { DEMO_NAMESPACE } from './support/demo';
import { eventually } from './support/eventually';

test('a rebuild triggered by the test appears as build started, finished and new revision Ready markers on the overview', async ({
  page,
  app,
}) => {
  const started = Date.now();
  await control(`rebuild/${DEMO_NAMESPACE}/hello-python`);
  await app.goto(`functions/${DEMO_NAMESPACE}/hello-python/builds`);
  await eventually(
    async () => {
      await page.reload();
      await expect(page.locator('tr[data-state="Complete"]').first()).toBeVisible({ timeout: 5_000 });
    },
    { timeout: 300_000 }
  );
  // the backend's data: the rebuild's Job, and the operator's Ready event once the new revision serves
  const detailSince = async () =>
    page.evaluate(
      async ({ ns, name }) => {
        const r = await fetch(`/api/plugins/knative-lambda-app/resources/functions/${ns}/${name}`);
        const body = (await r.json()) as FunctionDetailResponse;
        return {
          builds: body.buildJobs.map((j) => Date.parse(j.startedAt ?? '')),
          ready: body.events
            .filter((e) => e.type === 'Normal' && e.reason === 'Ready')
            .map((e) => Date.parse(e.lastSeen ?? '')),
        };
      },
      { ns: DEMO_NAMESPACE, name: 'hello-python' }
    );
  await eventually(
    async () => {
      const detail = await detailSince();
      expect(detail.builds.some((t) => t >= started - 5_000)).toBe(true);
      expect(detail.ready.some((t) => t >= started - 5_000)).toBe(true);
    },
    { timeout: 120_000 }
  );
  await app.goto(`functions/${DEMO_NAMESPACE}/hello-python/overview`, { query: 'from=now-15m&to=now' });
  const strip = page.locator('[data-testid="data-testid kl-build-markers"]');
  await expect(strip.locator('[data-marker="Build started"]')).not.toHaveCount(0);
  await expect(strip.locator('[data-marker="Build finished"]')).not.toHaveCount(0);
  await expect(strip.locator('[data-marker="Ready"]')).not.toHaveCount(0);
});
