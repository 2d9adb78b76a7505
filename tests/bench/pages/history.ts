// One Prometheus per measured N: the backfilled blocks, the shipped rules, and a wait until the recording
// rules have evaluated over them (the recorded series have no backfilled history: they start at the first evaluation).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { startPrometheus, type Prometheus } from '../../../local/prometheus';
import { RULES_CONFIG } from '../../../rules/config';
import { RECORDED } from '../../../rules/recorded';

import { createBlocks, sampleTimes, writeOpenMetrics, type BenchFunction } from './backfill';

const RULES_FILE = join(__dirname, '..', '..', '..', 'provisioning/prometheus/knative-lambda.rules.yaml');

export interface History {
  prometheus: Prometheus;
  sampleLines: number;
  writeSeconds: number;
  promtoolSeconds: number;
  rulesSeconds: number;
  /** the newest backfilled sample, unix seconds */
  endSeconds: number;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/**
 * Seconds of history past the start, about what writing and promtool take for n functions here (~190 s at
 * 10,000): Prometheus starts once that time has come (its head refuses samples older than the newest block), so
 * the last samples are fresh then and the 5m rates stay live while the page is measured.
 */
export const aheadSeconds = (n: number) => Math.round(n * 0.02);

export async function startPrometheusWithHistory(dir: string, fns: BenchFunction[]): Promise<History> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'backfill.om.txt');
  const times = sampleTimes(Math.floor(Date.now() / 1000), aheadSeconds(fns.length));
  const endSeconds = times[times.length - 1];
  let t0 = performance.now();
  const sampleLines = await writeOpenMetrics(file, fns, times);
  const writeSeconds = seconds(t0);
  t0 = performance.now();
  await createBlocks(file, join(dir, 'tsdb'));
  const promtoolSeconds = seconds(t0);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, endSeconds * 1000 - Date.now())));
  t0 = performance.now();
  const prometheus = await startPrometheus(
    { jobs: [], rulesFiles: [RULES_FILE], scrapeInterval: '15s', evaluationInterval: '15s' },
    { dir }
  );
  const budget = RECORDED.errorBudgetRemaining(RULES_CONFIG.slo.period);
  const rate = RECORDED.invocationRate(RULES_CONFIG.functionErrorRatio.window);
  await prometheus.waitFor(
    `recording rules over ${fns.length} backfilled functions`,
    async () => {
      const counts = await Promise.all([rate, budget].map((e) => prometheus.query(`count(${e})`)));
      return counts.every(([c]) => c?.value === fns.length);
    },
    { timeoutMs: 600_000, intervalMs: 2000 }
  );
  return { prometheus, sampleLines, writeSeconds, promtoolSeconds, rulesSeconds: seconds(t0), endSeconds };
}
