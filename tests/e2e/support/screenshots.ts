import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where this run's screenshots go: E2E_SCREENSHOTS, else tests/e2e/.screenshots/<run start>. */
export function screenshotDir(): string {
  const dir =
    process.env.E2E_SCREENSHOTS ?? resolve(__dirname, '..', '.screenshots', process.env.E2E_RUN_ID ?? 'latest');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function screenshotPath(name: string, theme: 'light' | 'dark'): string {
  return join(screenshotDir(), `${name.replace(/[^a-z0-9-]+/gi, '_')}.${theme}.png`);
}
