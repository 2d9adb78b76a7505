// Queries of the Functions dashboard: the pages' per-function builders (src/queries) for the repeated
// per-function row, and fleet views over every function the variables select, built the same way.
import { FUNCTION_METRICS } from '../contract/metrics';
import { RULES_CONFIG } from '../rules/config';
import { by, histogramQuantile, ratioOfRates, selector, sumRate } from '../rules/promql';
import { RECORDED } from '../rules/recorded';
import { BURN_RATE_WINDOWS } from '../rules/slo';
import { ALERTS_SERIES } from '../src/model/alertNames';
import { overviewPanels, type PanelQueries } from '../src/queries/functionOverview';
import { budgetOverTimeQueries, burnPairQueries } from '../src/queries/functionSlo';
import { rangeQuery } from '../src/queries/promQuery';

import { RATE_INTERVAL_MACRO } from './datasource';

const M = FUNCTION_METRICS;
const PERIOD = RULES_CONFIG.slo.period;
/** The repeated row's function: Grafana sets `$function` to one value per repetition. */
const NS = '$namespace';
const FN = '$function';

/** Selected functions: the namespace exactly, runtime and function as the multi-value variables' regexes. */
function fleet(metric: string, extra: Record<string, string> = {}): string {
  return selector(metric, { namespace: NS, 'runtime=~': '$runtime', 'function=~': FN, ...extra });
}

/**
 * ALERTS series exist only while an alert is pending or firing; dashboards show rules through Grafana's alerting
 * views, so the pages' alert-state queries are left out here (every dashboard query is tested to return data).
 */
function withoutAlertState(spec: PanelQueries): PanelQueries {
  return { ...spec, queries: spec.queries.filter((q) => !q.expr.includes(ALERTS_SERIES)) };
}

export function fleetPanels(): Record<string, PanelQueries> {
  const byFunction = ['function'];
  return {
    budget: {
      title: 'Error Budget Remaining',
      description: `Share of the ${PERIOD} error budget left per function (1 = untouched, below 0 = exhausted).`,
      unit: 'percentunit',
      queries: [
        rangeQuery(
          'A',
          `min ${by(byFunction)} (${selector(RECORDED.errorBudgetRemaining(PERIOD), { namespace: NS, 'function=~': FN })})`,
          '{{function}}'
        ),
      ],
    },
    rate: {
      title: 'Invocations per function',
      unit: 'reqps',
      queries: [rangeQuery('A', sumRate(fleet(M.invocations.name), RATE_INTERVAL_MACRO, byFunction), '{{function}}')],
    },
    errors: {
      title: 'Error ratio per function',
      description: 'Failed invocations (error or timeout) over all invocations.',
      unit: 'percentunit',
      queries: [
        rangeQuery(
          'A',
          ratioOfRates(
            fleet(M.invocations.name, { 'status!=': 'success' }),
            fleet(M.invocations.name),
            RATE_INTERVAL_MACRO,
            byFunction
          ),
          '{{function}}'
        ),
      ],
    },
    duration: {
      title: `Duration P${RULES_CONFIG.functionLatency.quantile * 100} per function`,
      unit: 's',
      queries: [
        rangeQuery(
          'A',
          histogramQuantile(
            RULES_CONFIG.functionLatency.quantile,
            fleet(`${M.duration.name}_bucket`),
            RATE_INTERVAL_MACRO,
            byFunction
          ),
          '{{function}}'
        ),
      ],
    },
    coldStarts: {
      title: 'Cold-start ratio per function',
      unit: 'percentunit',
      queries: [
        rangeQuery(
          'A',
          ratioOfRates(fleet(M.coldStarts.name), fleet(M.invocations.name), RATE_INTERVAL_MACRO, byFunction),
          '{{function}}'
        ),
      ],
    },
  };
}

/** One function's RED, cold starts, budget and burn rates: the Function page's own queries. */
export function functionPanels(): Record<string, PanelQueries> {
  const overview = overviewPanels(NS, FN);
  const [remaining, ideal] = budgetOverTimeQueries(NS, FN, PERIOD, PERIOD);
  const panels: Record<string, PanelQueries> = {
    budget: { title: 'Error Budget Remaining', unit: 'percentunit', queries: [remaining] },
    invocations: overview.invocations,
    errorRatio: overview.errorRatio,
    latency: overview.latency,
    coldStarts: overview.coldStarts,
    inFlight: overview.inFlight,
    replicas: overview.replicas,
    budgetOverTime: {
      title: `Error budget over the ${PERIOD} window`,
      description: 'Remaining budget against an ideal burn that reaches 0 at the end of one window.',
      unit: 'percentunit',
      queries: [remaining, ideal],
    },
  };
  for (const w of BURN_RATE_WINDOWS) {
    panels[`burn:${w.long}`] = withoutAlertState({
      title: `Burn rate ${w.long}/${w.short} (${w.severity}, ${w.factor}× budget)`,
      description: 'Short and long window error ratios; the alert fires while both are above the threshold.',
      unit: 'percentunit',
      queries: burnPairQueries(NS, FN, w),
    });
  }
  return panels;
}
