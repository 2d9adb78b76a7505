import { join } from 'node:path';

import type { Runtime } from '../../../contract';

export type DemoBehaviour = 'healthy' | 'flaky' | 'slow' | 'sometimesTimeout';

/** LAMBDA_HANDLER of each demo behaviour per runtime (Go names the exported function, chosen at build time). */
export const DEMO_HANDLERS: Record<DemoBehaviour, Record<Runtime, string>> = {
  healthy: { nodejs: 'demo.healthy', python: 'demo.healthy', go: 'Healthy' },
  flaky: { nodejs: 'demo.flaky', python: 'demo.flaky', go: 'Flaky' },
  slow: { nodejs: 'demo.slow', python: 'demo.slow', go: 'Slow' },
  sometimesTimeout: { nodejs: 'demo.sometimesTimeout', python: 'demo.sometimes_timeout', go: 'SometimesTimeout' },
};

export const DEMO_DIRS: Record<Runtime, string> = {
  nodejs: join(__dirname, '..', 'demo', 'nodejs'),
  python: join(__dirname, '..', 'demo', 'python'),
  go: join(__dirname, '..', 'demo', 'go'),
};
