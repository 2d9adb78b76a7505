import { TABLE_REF } from '../queries/functionsTable';

import type { FunctionRow } from './functionRow';
import type { Sample } from './instantSamples';

export interface RuntimeSummaryRow {
  runtime: string;
  functions: number;
  invocationRate: number;
  /** undefined when the runtime had no invocations */
  errorRatio?: number;
  coldStartRatio?: number;
  p95Seconds?: number;
  initP95Seconds?: number;
}

/**
 * RED and cold starts per runtime. Rates and ratios share one window, so summing rate × ratio per function gives
 * exactly sum(rate(bad)) / sum(rate(total)) per runtime; the quantiles come from their own per-runtime query.
 */
export function runtimeSummary(rows: FunctionRow[], samples: Map<string, Sample[]>): RuntimeSummaryRow[] {
  const byRuntime = new Map<string, { n: number; rate: number; bad: number; cold: number }>();
  for (const r of rows) {
    const acc = byRuntime.get(r.runtime) ?? { n: 0, rate: 0, bad: 0, cold: 0 };
    const rate = r.metrics.invocationRate ?? 0;
    acc.n += 1;
    acc.rate += rate;
    acc.bad += rate * (r.metrics.errorRatio ?? 0);
    acc.cold += rate * (r.metrics.coldStartRatio ?? 0);
    byRuntime.set(r.runtime, acc);
  }
  const quantiles = samples.get(TABLE_REF.runtimes) ?? [];
  const quantile = (runtime: string, tag: string) =>
    quantiles.find((s) => s.labels.runtime === runtime && s.labels.series === tag)?.value;
  return [...byRuntime.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([runtime, acc]) => ({
      runtime,
      functions: acc.n,
      invocationRate: acc.rate,
      errorRatio: acc.rate > 0 ? acc.bad / acc.rate : undefined,
      coldStartRatio: acc.rate > 0 ? acc.cold / acc.rate : undefined,
      p95Seconds: quantile(runtime, 'p95'),
      initP95Seconds: quantile(runtime, 'initP95'),
    }));
}
