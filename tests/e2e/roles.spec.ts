import { byTestId, expect, test } from './support/app';
import { DEMO_NAMESPACE } from './support/demo';

test.describe('roles', () => {
  test('a Viewer sees no deploy action, why, and no env values', async ({ page, app }) => {
    await app.goto('operator', { role: 'Viewer' });
    await expect(byTestId(page, 'kl-operator-deploy-unavailable')).toContainText('needs the Admin role');
    await expect(
      page.getByRole('button', { name: /^(Preview (deploy|upgrade)|Deploy operator|Upgrade operator)/ })
    ).toHaveCount(0);
    await app.goto(`functions/${DEMO_NAMESPACE}/payments-python/kubernetes`, { role: 'Viewer' });
    const env = byTestId(page, 'kl-env');
    await expect(env).toBeVisible();
    await expect(env).not.toContainText(/=[^•\s]/);
  });

  test("an Admin's dry run lists every object of the operator's manifests", async ({ page, app }) => {
    await app.goto('operator', { role: 'Admin' });
    await page.getByRole('button', { name: /Preview (deploy|upgrade)/ }).click();
    const results = byTestId(page, 'kl-operator-dry-run');
    await expect(results).toContainText('Dry run');
    const kinds = await results.locator('tr td:first-child').allInnerTexts();
    for (const kind of ['Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'Deployment', 'Service']) {
      expect(kinds).toContain(kind);
    }
    expect(await results.locator('tr[data-action="failed"]').count()).toBe(0);
  });
});
