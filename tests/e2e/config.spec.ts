import { byTestId, expect, test } from './support/app';

test('the config page saves, reloads with the saved values, and shows the health check', async ({ page }) => {
  await page.goto('/plugins/knative-lambda-app');
  const objective = byTestId(page, 'kl-config-objective');
  await objective.fill('0.995');
  await byTestId(page, 'kl-config-save').click();
  const health = byTestId(page, 'kl-config-health');
  await expect(health).toBeVisible();
  await expect(health).toContainText(/kubernetesReachable|crdInstalled|operatorReady/);
  await page.reload();
  await expect(byTestId(page, 'kl-config-objective')).toHaveValue('0.995');
  await byTestId(page, 'kl-config-objective').fill('');
  await byTestId(page, 'kl-config-save').click();
  await expect(byTestId(page, 'kl-config-health')).toHaveAttribute('data-status', 'OK');
});
