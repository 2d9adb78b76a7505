import { HEALTH_SERIES, TABLE_REF } from '../queries/functionsTable';

import type { FunctionMetrics } from './functionMetrics';
import { type Sample, sampleKey } from './instantSamples';
import { guardWindow } from './lowTrafficGuard';

type Setter = (m: FunctionMetrics, s: Sample) => void;

const COLUMN_SETTERS: Record<string, Setter> = {
  [TABLE_REF.rate]: (m, s) => (m.invocationRate = s.value),
  [TABLE_REF.errors]: (m, s) => (m.errorRatio = s.value),
  [TABLE_REF.p95]: (m, s) => (m.p95Seconds = s.value),
  [TABLE_REF.coldStarts]: (m, s) => (m.coldStartRatio = s.value),
  [TABLE_REF.budget]: (m, s) => (m.budgetRemaining = s.value),
  [TABLE_REF.alerts]: (m, s) =>
    m.firing.push({
      alertname: s.labels.alertname ?? '',
      severity: s.labels.severity ?? '',
      long: s.labels.long,
      short: s.labels.short,
    }),
};

function guardOf(m: FunctionMetrics) {
  return (m.guard ??= { invocations: 0, failures: 0, window: guardWindow() });
}

const HEALTH_SETTERS: Record<string, Setter> = {
  [HEALTH_SERIES.burn]: (m, s) => (m.burnRate = s.value),
  [HEALTH_SERIES.guardInvocations]: (m, s) => (guardOf(m).invocations = s.value),
  [HEALTH_SERIES.guardFailures]: (m, s) => (guardOf(m).failures = s.value),
  [HEALTH_SERIES.up]: (m, s) => (m.up = Math.min(m.up ?? Infinity, s.value)),
};

/** Per-function metrics from the Functions page's query results, keyed `namespace/name`. */
export function metricsByFunction(samples: Map<string, Sample[]>): Map<string, FunctionMetrics> {
  const out = new Map<string, FunctionMetrics>();
  const metricsOf = (s: Sample) => {
    const key = sampleKey(s);
    let m = out.get(key);
    if (!m) {
      m = { firing: [] };
      out.set(key, m);
    }
    return m;
  };
  for (const [refId, list] of samples) {
    for (const s of list) {
      const setter = refId === TABLE_REF.health ? HEALTH_SETTERS[s.labels.series ?? ''] : COLUMN_SETTERS[refId];
      if (setter && s.labels.function) {
        setter(metricsOf(s), s);
      }
    }
  }
  for (const m of out.values()) {
    // the errors query sends only non-zero ratios: with traffic and no error series, no invocation failed
    if ((m.invocationRate ?? 0) > 0 && m.errorRatio === undefined) {
      m.errorRatio = 0;
    }
  }
  return out;
}
