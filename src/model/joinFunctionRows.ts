import type { FunctionSlo } from '../../backend/api/types';
import type { Phase } from '../../contract/labels';
import { HEALTH_SERIES, TABLE_REF } from '../queries/functionsTable';

import { NO_METRICS } from './functionMetrics';
import type { FunctionListItem, FunctionRow } from './functionRow';
import { computeFunctionState } from './functionState';
import { functionKey, type Sample } from './instantSamples';
import { lowTrafficGuardState } from './lowTrafficGuard';
import { metricsByFunction } from './metricsByFunction';

/** The function list from Prometheus's function_info series, for when the backend has no Kubernetes access. */
export function listFromPrometheus(samples: Map<string, Sample[]>, slo: FunctionSlo): FunctionListItem[] {
  const info = (samples.get(TABLE_REF.health) ?? []).filter((s) => s.labels.series === HEALTH_SERIES.info);
  return info.map((s) => ({
    namespace: s.labels.namespace ?? '',
    name: s.labels.function ?? '',
    runtime: s.labels.runtime ?? '',
    phase: (s.labels.phase ?? 'Unknown') as Phase,
    ready: s.labels.phase === 'Ready',
    conditions: [],
    slo,
  }));
}

/** One row per listed function, with its metrics and computed state; functions without series get none. */
export function joinFunctionRows(items: FunctionListItem[], samples: Map<string, Sample[]>): FunctionRow[] {
  const metrics = metricsByFunction(samples);
  return items.map((item) => {
    const m = metrics.get(functionKey(item.namespace, item.name)) ?? NO_METRICS;
    return {
      ...item,
      metrics: m,
      verdict: computeFunctionState(item, m),
      guard: lowTrafficGuardState(m.guard, m.burnRate),
    };
  });
}
