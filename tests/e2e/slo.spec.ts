import { FUNCTION_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { RECORDED } from '../../rules/recorded';
import { BURN_RATE_WINDOWS } from '../../rules/slo';

import { byTestId, expect, test } from './support/app';
import { DEMO_NAMESPACE } from './support/demo';
import { pageQueryTime, promQuery, promScalar } from './support/prometheus';

const FN = 'checkout-nodejs';
const sel = `{namespace="${DEMO_NAMESPACE}", function="${FN}"}`;
const percent = (text: string) => Number.parseFloat(text.replace(/[^0-9.+-]/g, '')) / 100;
/** The test evaluates at the page's query time; what remains is the page's display rounding. */
const expectNear = (shown: number, expected: number) =>
  expect(Math.abs(shown - expected)).toBeLessThanOrEqual(0.02 * Math.abs(expected) + 0.005);

test.describe('SLO tab equals what Prometheus computes', () => {
  let at: number;
  test.beforeEach(async ({ app, page }) => {
    const queryTime = pageQueryTime(page);
    await app.goto(`functions/${DEMO_NAMESPACE}/${FN}/slo`);
    at = await queryTime;
  });

  test('error budget remaining over the window', async ({ page }) => {
    const window = RULES_CONFIG.slo.period;
    const inv = FUNCTION_METRICS.invocations.name;
    const objective = await promScalar(`max(${RECORDED.sloObjective}${sel})`, at);
    const ratio = await promScalar(
      `sum(rate(${inv}{namespace="${DEMO_NAMESPACE}", function="${FN}", status!="success"}[${window}])) / sum(rate(${inv}${sel}[${window}]))`,
      at
    );
    expect(objective).toBeDefined();
    expect(ratio).toBeDefined();
    const expected = 1 - ratio! / (1 - objective!);
    const tile = byTestId(page, 'kl-slo-tile budget');
    await expect(tile).toContainText('%');
    expectNear(percent(await tile.innerText()), expected);
  });

  test('every burn-rate pair of the rules, with its short and long burn', async ({ page }) => {
    const objective = (await promScalar(`max(${RECORDED.sloObjective}${sel})`, at))!;
    for (const w of BURN_RATE_WINDOWS) {
      const rowEl = byTestId(page, `kl-burn-row ${w.long}`);
      await expect(rowEl).toContainText(`${w.long} / ${w.short}`);
      await expect(rowEl).toContainText(`${w.factor}×`);
      for (const [attr, window] of [
        ['data-long-burn', w.long],
        ['data-short-burn', w.short],
      ] as const) {
        const expected = (await promScalar(`max(${RECORDED.errorRate(window)}${sel})`, at))! / (1 - objective);
        await expect(rowEl).toHaveAttribute(attr, /\d/);
        const shown = Number(await rowEl.getAttribute(attr));
        expectNear(shown, expected);
      }
    }
  });

  test('a burn-rate row expands to its short/long/threshold graph', async ({ page }) => {
    const [w] = BURN_RATE_WINDOWS;
    const title = page.getByText(`Burn ${w.long} / ${w.short}`);
    await expect(title).toHaveCount(0);
    await page.getByRole('button', { name: `graph ${w.long}` }).click();
    await expect(title).toBeVisible();
    await expect(page.getByText(`threshold (${w.factor}× budget)`)).toBeVisible();
  });

  test('"what burned the budget" puts the dominant error type first', async ({ page }) => {
    const attribution = byTestId(page, 'kl-budget-attribution');
    const heading = await attribution.locator('h4').innerText();
    const long = /\((\w+),/.exec(heading)![1];
    const ranked = await promQuery(
      `sort_desc(sum by (error_type) (increase(${FUNCTION_METRICS.errors.name}${sel}[${long}])))`,
      at
    );
    expect(ranked[0]?.metric.error_type).toBe('handler');
    await expect(attribution.locator('li').first()).toHaveAttribute('data-error-type', ranked[0].metric.error_type);
  });
});
