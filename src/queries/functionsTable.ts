import { FUNCTION_METRICS, OPERATOR_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { by, durationSeconds, histogramQuantile, selector } from '../../rules/promql';
import { FUNCTION_ID, RECORDED } from '../../rules/recorded';
import { ALERTS_SERIES, PRODUCT_ALERT_REGEX } from '../model/alertNames';
import { guardWindow } from '../model/lowTrafficGuard';

import { INIT_DURATION_WINDOW, initDurationQuantile } from './initDuration';
import type { PromQuery } from './promQuery';
import { instantQuery, taggedUnion } from './promQuery';

const cfg = RULES_CONFIG;
/** The Functions table's rates and ratios share the error-rate alert's window, so per-runtime sums are exact. */
export const TABLE_WINDOW = cfg.functionErrorRatio.window;

export const TABLE_REF = {
  rate: 'rate',
  errors: 'errors',
  p95: 'p95',
  coldStarts: 'coldStarts',
  budget: 'budget',
  alerts: 'alerts',
  health: 'health',
  runtimes: 'runtimes',
} as const;

export const HEALTH_SERIES = {
  burn: 'burn',
  guardInvocations: 'guard_invocations',
  guardFailures: 'guard_failures',
  up: 'up',
  info: 'info',
} as const;

function burnRate(window: string): string {
  return `${RECORDED.errorRate(window)}\n/ on (${FUNCTION_ID.join(', ')}) group_left ()\n(1 - ${RECORDED.sloObjective})`;
}

function healthExpr(): string {
  const long = guardWindow();
  const seconds = durationSeconds(long);
  const up = selector('up', { 'job=~': cfg.selectors.functionTargetsJobRegex });
  return taggedUnion({
    [HEALTH_SERIES.burn]: burnRate(long),
    [HEALTH_SERIES.guardInvocations]: `${RECORDED.invocationRate(long)} * ${seconds}`,
    [HEALTH_SERIES.guardFailures]: `${RECORDED.errorRate(long)} * ${RECORDED.invocationRate(long)} * ${seconds}`,
    [HEALTH_SERIES.up]: `min ${by(FUNCTION_ID)} (${up})`,
    [HEALTH_SERIES.info]: `max ${by([...FUNCTION_ID, 'runtime', 'phase'])} (${OPERATOR_METRICS.functionInfo.name})`,
  });
}

function runtimesExpr(): string {
  const q = cfg.functionLatency.quantile;
  return taggedUnion({
    p95: histogramQuantile(q, `${FUNCTION_METRICS.duration.name}_bucket`, TABLE_WINDOW, ['runtime']),
    initP95: initDurationQuantile(q, INIT_DURATION_WINDOW, ['runtime']),
  });
}

function firingAlertsExpr(): string {
  const firing = selector(ALERTS_SERIES, { alertstate: 'firing', 'alertname=~': PRODUCT_ALERT_REGEX });
  return `max ${by([...FUNCTION_ID, 'alertname', 'severity', 'long', 'short'])} (${firing})`;
}

/** The Functions page's query budget per refresh, whatever the number of functions. */
export const FUNCTIONS_PAGE_QUERY_COUNT = 8;

/**
 * Every query of the Functions page: one aggregated instant query per column (plus health and the runtime
 * summary), whatever the number of functions. Joined client-side with the backend's list.
 */
export function functionsTableQueries(): PromQuery[] {
  const lat = cfg.functionLatency;
  return [
    instantQuery(TABLE_REF.rate, RECORDED.invocationRate(TABLE_WINDOW)),
    instantQuery(TABLE_REF.errors, RECORDED.errorRate(TABLE_WINDOW)),
    instantQuery(TABLE_REF.p95, RECORDED.latencyQuantile(lat.quantile, lat.window)),
    instantQuery(TABLE_REF.coldStarts, RECORDED.coldStartRatio(cfg.coldStartRatio.window)),
    instantQuery(TABLE_REF.budget, RECORDED.errorBudgetRemaining(cfg.slo.period)),
    instantQuery(TABLE_REF.alerts, firingAlertsExpr()),
    instantQuery(TABLE_REF.health, healthExpr()),
    instantQuery(TABLE_REF.runtimes, runtimesExpr()),
  ];
}
