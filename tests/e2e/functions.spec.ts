import { byTestId, expect, test } from './support/app';
import { DEMO_RUNTIMES, EXPECTED_STATES } from './support/demo';
import { eventually } from './support/eventually';
import { functionRow } from './support/functionRows';

test.describe('Functions page', () => {
  test('the runtime filter narrows the table, the URL carries it, back/forward restore it', async ({ page, app }) => {
    await app.goto('functions');
    await expect(functionRow(page, 'resize-go')).toBeVisible();
    await app.goto('functions', { query: 'var-runtime=go' });
    const rows = byTestId(page, 'kl-functions-table').locator('tbody tr');
    await expect(rows).not.toHaveCount(0);
    for (const text of await rows.locator('td:nth-child(3)').allInnerTexts()) {
      expect(text).toBe('go');
    }
    await expect(functionRow(page, 'hello-python')).toHaveCount(0);
    expect(new URL(page.url()).searchParams.getAll('var-runtime')).toEqual(['go']);
    await functionRow(page, 'resize-go').getByRole('link', { name: 'resize-go' }).click();
    await expect(page).toHaveURL(/functions\/lambda-demo\/resize-go\/overview\?.*var-runtime=go/);
    await page.goBack();
    await expect(functionRow(page, 'hello-python')).toHaveCount(0);
    await expect(functionRow(page, 'resize-go')).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('heading', { name: 'resize-go' })).toBeVisible();
  });

  test('sorts by a column through the URL', async ({ page, app }) => {
    await app.goto('functions', { query: 'sort=-rate' });
    const rates = await byTestId(page, 'kl-functions-table').locator('tbody tr td:nth-child(6)').allInnerTexts();
    const numbers = rates.map((t) => Number.parseFloat(t));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  for (const [name, states] of Object.entries(EXPECTED_STATES)) {
    test(`${name} shows ${states.join(' or ')}`, async ({ page, app }) => {
      await app.goto('functions');
      const state = functionRow(page, name).locator('[data-testid="data-testid kl-function-state"]');
      await eventually(
        async () => {
          await page.reload();
          expect(states).toContain(await state.getAttribute('data-state'));
        },
        { timeout: Number(process.env.E2E_STATE_TIMEOUT_MS ?? 600_000), intervals: [15_000] }
      );
      await expect(functionRow(page, name).locator('td:nth-child(3)')).toHaveText(DEMO_RUNTIMES[name]);
      if (name === 'metadata-python') {
        await expect(state).toHaveAttribute('title', /ValidationFailed: .*(metadata|169\.254|blocked)/i);
      }
      if (name === 'nightly-go') {
        await expect(functionRow(page, name)).toContainText('idle');
        await expect(functionRow(page, name)).not.toContainText('firing');
      }
    });
  }
});
