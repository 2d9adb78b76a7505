import { FUNCTION_METRICS, OPERATOR_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { INIT_DURATION_WINDOW, initDurationQuantile } from '../../rules/init-duration';
import { by, durationSeconds, histogramQuantile, selector } from '../../rules/promql';
import { FUNCTION_ID, RECORDED } from '../../rules/recorded';
import { ALERTS_SERIES, PRODUCT_ALERT_REGEX } from '../model/alertNames';
import { guardWindow } from '../model/lowTrafficGuard';

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
  /** only when the backend has no Kubernetes access: the list then comes from Prometheus */
  info: 'info',
} as const;

const ID = FUNCTION_ID.join(', ');

/** One series per function, labelled with its identity only: the smallest frame the datasource can send. */
function perFunction(aggregation: 'sum' | 'max' | 'min', expr: string): string {
  return `${aggregation} ${by(FUNCTION_ID)} (${expr})`;
}

/** The error ratio over `window` as a multiple of the error budget (1 = burning exactly the budget). */
function burnRate(window: string): string {
  return perFunction(
    'max',
    `${RECORDED.errorRate(window)}\n/ on (${ID}) group_left ()\n(1 - ${RECORDED.sloObjective})`
  );
}

/**
 * Only the series a row's state or marker can turn on, so a healthy function costs no health series: the burn
 * rate where it is over 1 (Degraded), the guard's traffic there (the low-traffic marker needs burn > 1), and `up`
 * where a target is down or the function has no traffic (Idle "running" vs "scaled to zero"); with
 * `withInventory`, every function's identity, runtime and phase as the operator reports them.
 */
function healthExpr(withInventory: boolean): string {
  const long = guardWindow();
  const seconds = durationSeconds(long);
  const up = perFunction('min', selector('up', { 'job=~': cfg.selectors.functionTargetsJobRegex }));
  const burning = `${burnRate(long)} > 1`;
  const whereBurning = (expr: string) => `${perFunction('max', expr)}\nand on (${ID})\n(${burning})`;
  const trafficNow = `${perFunction('sum', RECORDED.invocationRate(TABLE_WINDOW))} > 0`;
  return taggedUnion({
    [HEALTH_SERIES.burn]: burning,
    [HEALTH_SERIES.guardInvocations]: whereBurning(`${RECORDED.invocationRate(long)} * ${seconds}`),
    [HEALTH_SERIES.guardFailures]: whereBurning(
      `${RECORDED.errorRate(long)} * ${RECORDED.invocationRate(long)} * ${seconds}`
    ),
    [HEALTH_SERIES.up]: `(${up} == 0)\nor\n(${up} unless on (${ID}) (${trafficNow}))`,
    ...(withInventory ? { [HEALTH_SERIES.info]: inventoryExpr() } : {}),
  });
}

/** Every function's identity, runtime and phase as the operator reports them. */
function inventoryExpr(): string {
  return `max ${by([...FUNCTION_ID, 'runtime', 'phase'])} (${OPERATOR_METRICS.functionInfo.name})`;
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

/** The Functions page's query budget per refresh (table and runtime summary), whatever the number of functions. */
export const FUNCTIONS_PAGE_QUERY_COUNT = 8;

/** Instant, table-shaped, and `__auto` legends: no per-series display name is sent along with the labels. */
function columnQuery(refId: string, expr: string): PromQuery {
  return { ...instantQuery(refId, expr), legendFormat: '__auto' };
}

/**
 * The table's queries: one aggregated instant query per column (plus health), whatever the number of functions,
 * each series labelled with the function's identity only (a function changing runtime within the window keeps one
 * row: its total rate and its worst ratios). Joined client-side with the backend's list; without one
 * (`fromPrometheus`), the health query also lists the functions.
 */
export function functionsTableQueries(options: { fromPrometheus?: boolean } = {}): PromQuery[] {
  const lat = cfg.functionLatency;
  return [
    columnQuery(TABLE_REF.rate, perFunction('sum', RECORDED.invocationRate(TABLE_WINDOW))),
    // only non-zero ratios: a function with traffic and no series here had no failed invocations (the join says 0)
    columnQuery(TABLE_REF.errors, `${perFunction('max', RECORDED.errorRate(TABLE_WINDOW))} > 0`),
    columnQuery(TABLE_REF.p95, perFunction('max', RECORDED.latencyQuantile(lat.quantile, lat.window))),
    columnQuery(TABLE_REF.coldStarts, perFunction('max', RECORDED.coldStartRatio(cfg.coldStartRatio.window))),
    columnQuery(TABLE_REF.budget, perFunction('min', RECORDED.errorBudgetRemaining(cfg.slo.period))),
    columnQuery(TABLE_REF.alerts, firingAlertsExpr()),
    columnQuery(TABLE_REF.health, healthExpr(Boolean(options.fromPrometheus))),
  ];
}

/**
 * The by-runtime summary's quantiles, from the raw histograms (their cost grows with functions × buckets), so
 * in a runner of their own: the table never waits for them.
 */
export function runtimeSummaryQueries(): PromQuery[] {
  return [columnQuery(TABLE_REF.runtimes, runtimesExpr())];
}
