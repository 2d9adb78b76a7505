import { FUNCTION_METRICS } from '../../contract/metrics';
import { by, durationSeconds, ratioOfRates } from '../../rules/promql';
import { RECORDED } from '../../rules/recorded';
import { BURN_RATE_WINDOWS, type BurnRateWindow } from '../../rules/slo';
import { ALERT_NAMES, ALERTS_SERIES } from '../model/alertNames';

import { fnSelector } from './functionSelector';
import type { PromQuery } from './promQuery';
import { instantQuery, rangeQuery, taggedUnion } from './promQuery';

export const SLO_REF = { now: 'now', attribution: 'attribution' } as const;

export const SLO_TAGS = {
  sli: 'sli',
  objective: 'objective',
  ratio: (w: string) => `ratio:${w}`,
  invocations: (w: string) => `invocations:${w}`,
  failures: (w: string) => `failures:${w}`,
  alert: 'alert',
  errors: (w: string) => `errors:${w}`,
  statuses: (w: string) => `statuses:${w}`,
};

function pairWindows(): string[] {
  return [...new Set(BURN_RATE_WINDOWS.flatMap((w) => [w.short, w.long]))];
}

/** The SLO tab's instant numbers: SLI over the window, every pair's ratios, the guard's traffic, alert states. */
export function sloNowQueries(namespace: string, name: string, window: string): PromQuery[] {
  const fn = (metric: string, extra: Record<string, string> = {}) => fnSelector(metric, namespace, name, extra);
  const inv = FUNCTION_METRICS.invocations.name;
  const parts: Record<string, string> = {
    [SLO_TAGS.sli]: `1 - (${ratioOfRates(fn(inv, { 'status!=': 'success' }), fn(inv), window, [])})`,
    [SLO_TAGS.objective]: `max(${fn(RECORDED.sloObjective)})`,
  };
  for (const w of pairWindows()) {
    parts[SLO_TAGS.ratio(w)] = `max(${fn(RECORDED.errorRate(w))})`;
  }
  for (const { long } of BURN_RATE_WINDOWS) {
    const seconds = durationSeconds(long);
    parts[SLO_TAGS.invocations(long)] = `max(${fn(RECORDED.invocationRate(long))}) * ${seconds}`;
    parts[SLO_TAGS.failures(long)] =
      `max(${fn(RECORDED.errorRate(long))} * ${fn(RECORDED.invocationRate(long))}) * ${seconds}`;
  }
  parts[SLO_TAGS.alert] =
    `max ${by(['long', 'short', 'alertstate'])} (${fn(ALERTS_SERIES, { alertname: ALERT_NAMES.budgetBurn })})`;
  const attribution: Record<string, string> = {};
  for (const { long } of BURN_RATE_WINDOWS) {
    attribution[SLO_TAGS.errors(long)] =
      `sum ${by(['error_type'])} (increase(${fn(FUNCTION_METRICS.errors.name)}[${long}]))`;
    attribution[SLO_TAGS.statuses(long)] =
      `sum ${by(['status'])} (increase(${fn(inv, { 'status!=': 'success' })}[${long}]))`;
  }
  return [instantQuery(SLO_REF.now, taggedUnion(parts)), instantQuery(SLO_REF.attribution, taggedUnion(attribution))];
}

/** Seconds of the range query's start, without Grafana macros: `@ start()` pins a subquery there. */
const RANGE_START = 'scalar(max_over_time(timestamp(vector(1))[1m:1m] @ start()))';

/** Budget remaining over time, with the ideal burn (linear to 0 over one window from the range's start). */
export function budgetOverTimeQueries(namespace: string, name: string, window: string, period: string): PromQuery[] {
  const fn = (metric: string, extra: Record<string, string> = {}) => fnSelector(metric, namespace, name, extra);
  const inv = FUNCTION_METRICS.invocations.name;
  const remaining =
    window === period
      ? `max(${fn(RECORDED.errorBudgetRemaining(period))})`
      : `1 - (${ratioOfRates(fn(inv, { 'status!=': 'success' }), fn(inv), window, [])}) / (1 - max(${fn(RECORDED.sloObjective)}))`;
  return [
    rangeQuery('A', remaining, 'budget remaining'),
    rangeQuery('B', `1 - (time() - ${RANGE_START}) / ${durationSeconds(window)}`, 'ideal burn'),
  ];
}

/** One pair's graph: short and long error ratios, the threshold, and the alert's firing band. */
export function burnPairQueries(namespace: string, name: string, w: BurnRateWindow): PromQuery[] {
  const fn = (metric: string, extra: Record<string, string> = {}) => fnSelector(metric, namespace, name, extra);
  return [
    rangeQuery('A', `max(${fn(RECORDED.errorRate(w.short))})`, `short (${w.short})`),
    rangeQuery('B', `max(${fn(RECORDED.errorRate(w.long))})`, `long (${w.long})`),
    rangeQuery('C', `${w.factor} * (1 - max(${fn(RECORDED.sloObjective)}))`, `threshold (${w.factor}× budget)`),
    rangeQuery(
      'D',
      `max(${fn(ALERTS_SERIES, { alertname: ALERT_NAMES.budgetBurn, long: w.long, short: w.short, alertstate: 'firing' })}) * 0 + ${w.factor} * (1 - max(${fn(RECORDED.sloObjective)}))`,
      'firing'
    ),
  ];
}
