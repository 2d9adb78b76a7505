import { expect, test } from '@playwright/test';

export interface WaitOptions {
  /** how long the assertion may take to pass, in ms */
  timeout: number;
  /** the pauses between attempts, in ms (Playwright's toPass intervals) */
  intervals?: number[];
}

/**
 * Retries `assertion` until it passes, for up to `timeout` ms. The test first gets that much more time, so a wait
 * longer than the configured test timeout (a fresh stack's alerts need minutes) runs to its end instead of being cut
 * off with the test's timeout.
 */
export async function eventually(assertion: () => Promise<void>, options: WaitOptions): Promise<void> {
  const info = test.info();
  if (info.timeout > 0) {
    info.setTimeout(info.timeout + options.timeout);
  }
  await expect(assertion).toPass(options);
}
