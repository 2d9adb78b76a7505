import type { Page } from '@playwright/test';

import { byTestId, expect } from './app';
import { DEMO_NAMESPACE } from './demo';
import { eventually } from './eventually';

/** The Functions table's row of a demo function. */
export const functionRow = (page: Page, name: string) => byTestId(page, `kl-function-row ${DEMO_NAMESPACE}/${name}`);

/** A non-zero invocation rate, as the table prints it. */
export const NON_ZERO_RATE = /[1-9][\d.]* \/s/;

/** Reloads the page until the function's row shows a non-zero rate (a rate needs two scrapes of traffic). */
export async function untilRowShowsARate(page: Page, name: string, timeout: number): Promise<void> {
  await eventually(
    async () => {
      await page.reload();
      await expect(functionRow(page, name)).toContainText(NON_ZERO_RATE, { timeout: 5_000 });
    },
    { timeout }
  );
}
