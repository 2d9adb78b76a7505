import { FUNCTION_METRICS, OPERATOR_METRICS } from '../contract';

import type { RulesConfig } from './config';
import type { RecordingRule } from './model';
import { histogramQuantile, perFunctionOr, ratioOfRates, selector, sumRate } from './promql';
import { FUNCTION_ID, FUNCTION_KEYS, RECORDED } from './recorded';
import { sloWindows } from './slo';

const invocations = FUNCTION_METRICS.invocations.name;
/**
 * Functions that get the default objective and latency target: every LambdaFunction the operator reports, and every
 * function with invocation series. Invocations alone are not enough: a function scaled to zero has no series after 5m,
 * and its SLO (error budget, burn-rate alerts with a `for` of up to 3h) must not vanish between bursts of traffic.
 */
const knownFunctions = `${OPERATOR_METRICS.functionInfo.name} or ${invocations}`;

export function functionRecordingRules(config: RulesConfig): RecordingRule[] {
  const windows = sloWindows(config.slo.period);
  const { quantile, window: latencyWindow } = config.functionLatency;
  const coldWindow = config.coldStartRatio.window;
  return [
    ...windows.map((w) => ({
      record: RECORDED.errorRate(w),
      expr: ratioOfRates(selector(invocations, { 'status!=': 'success' }), invocations, w, FUNCTION_KEYS),
      help: `Share of invocations that did not succeed (error or timeout) over ${w}.`,
    })),
    ...windows.map((w) => ({
      record: RECORDED.invocationRate(w),
      expr: sumRate(invocations, w, FUNCTION_KEYS),
      help: `Invocations per second over ${w}.`,
    })),
    {
      record: RECORDED.coldStartRatio(coldWindow),
      expr: ratioOfRates(FUNCTION_METRICS.coldStarts.name, invocations, coldWindow, FUNCTION_KEYS),
      help: `Cold starts per invocation over ${coldWindow}.`,
    },
    {
      record: RECORDED.latencyQuantile(quantile, latencyWindow),
      expr: histogramQuantile(quantile, `${FUNCTION_METRICS.duration.name}_bucket`, latencyWindow, FUNCTION_KEYS),
      help: `P${quantile * 100} handler duration over ${latencyWindow}.`,
    },
    {
      record: RECORDED.sloObjective,
      expr: perFunctionOr(
        OPERATOR_METRICS.functionSloObjective.name,
        config.slo.objective,
        knownFunctions,
        FUNCTION_ID
      ),
      help: `Availability objective per function (spec.slo.objective), ${config.slo.objective} where the operator reports none.`,
    },
    {
      record: RECORDED.latencyTarget,
      expr: perFunctionOr(
        OPERATOR_METRICS.functionLatencyTarget.name,
        config.functionLatency.defaultTargetSeconds,
        knownFunctions,
        FUNCTION_ID
      ),
      help: `P${quantile * 100} latency target per function (spec.slo.latencyTarget), ${config.functionLatency.defaultTargetSeconds}s where the operator reports none.`,
    },
    {
      record: RECORDED.errorBudgetRemaining(config.slo.period),
      expr: `1 - (\n${RECORDED.errorRate(config.slo.period)}\n/ on (${FUNCTION_ID.join(', ')}) group_left ()\n(1 - ${RECORDED.sloObjective})\n)`,
      help: `Share of the ${config.slo.period} error budget left: 1 untouched, 0 spent, below 0 overspent.`,
    },
  ];
}
