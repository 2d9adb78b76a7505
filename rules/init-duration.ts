import { FUNCTION_METRICS } from '../contract/metrics';

import { by } from './promql';

/** The processes an init quantile spans: those seen in the last hour (at each point of a graph). */
export const INIT_DURATION_WINDOW = '1h';

export const INIT_DURATION_DESCRIPTION =
  'Init duration is observed once per process, before its first scrape, so rate() of its buckets is always 0: the quantile is over the processes seen in the preceding hour (each counts once), not over invocations.';

/**
 * Quantile `q` of init duration over the processes seen in `window`. Each process's histogram holds its one
 * observation from its first scrape on, so the per-series maximum over the window is that observation and the
 * sum by `le` counts processes per bucket.
 */
export function initDurationQuantile(
  q: number,
  window: string,
  labels: readonly string[],
  selectorOf: (metric: string) => string = (metric) => metric
): string {
  const buckets = selectorOf(`${FUNCTION_METRICS.initDuration.name}_bucket`);
  return `histogram_quantile(${q}, sum ${by(['le', ...labels])} (max_over_time(${buckets}[${window}])))`;
}
