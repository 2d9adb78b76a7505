import { FUNCTION_METRICS } from '../../contract';
import type { RulesConfig } from '../config';
import type { AlertRule } from '../model';
import { durationSeconds } from '../promql';
import { FUNCTION_ID, RECORDED } from '../recorded';
import type { BurnRateWindow } from '../slo';
import { BURN_RATE_WINDOWS, budgetConsumed, minFailuresInWindow } from '../slo';

import { atLeastFailuresInWindow } from './failure-floor';

function overBurn(window: string, factor: number): string {
  return `${RECORDED.errorRate(window)}\n  > on (${FUNCTION_ID.join(', ')}) group_left ()\n  (${factor} * (1 - ${RECORDED.sloObjective}))`;
}

/** Low-traffic guard: enough failed invocations in the long window, however few invocations it holds. */
function enoughFailures(config: RulesConfig, long: string): string {
  return atLeastFailuresInWindow(long, minFailuresInWindow(long, config.slo.minFailuresIn1h));
}

/** The runbook's account of the guard: the rule, and why it counts failures and grows with the square root. */
function lowTrafficGuardReasoning(config: RulesConfig): string[] {
  const { minFailuresIn1h } = config.slo;
  const floors = BURN_RATE_WINDOWS.map((w) => `${minFailuresInWindow(w.long, minFailuresIn1h)} in ${w.long}`);
  const fastest = BURN_RATE_WINDOWS[0];
  const minutesToFloor = 2 * minFailuresIn1h - 1;
  const proportional3d = minFailuresIn1h * (durationSeconds('3d') / 3600);
  return [
    `Low-traffic guard: a rule also needs a minimum number of failed invocations in its long window, however few invocations that window holds: ${minFailuresIn1h} in a 1h window, growing with the square root of a longer window's length (${floors.join(', ')}).`,
    `Why failures and not invocations: the ratio is exact at any traffic (failed over all, no clamped denominator), so what a floor must stop is an alert about too little harm, not a noisy ratio. 2 failures among 6 requests in an hour is 33%, but two requests: no page, no ticket. A function at 1 request a minute failing every other one is an outage: its ${fastest.long} window holds ${minFailuresIn1h} failures after ${minutesToFloor} minutes, and the ${fastest.long}/${fastest.short} rule pages ${fastest.for} later. The previous guard (also at least 100 invocations in the long window) could never be met by the 1h window at 1 request a minute: that outage paged after almost 2 hours, through the 6h window.`,
    `Why the square root: a longer window is a slower, lower-urgency signal and collects more stray failures, so it needs more of them; a fixed floor would ticket on ${minFailuresIn1h} stray failures in 3 days, and a floor proportional to the window (${minFailuresIn1h} an hour, ${proportional3d} in 3 days) would hide the slow burn of every function with fewer than a few hundred requests an hour. A busy function meets every floor within minutes of its first failures, so the guard changes little for it.`,
  ];
}

function burnAlert(config: RulesConfig, w: BurnRateWindow): AlertRule {
  const share = budgetConsumed(w, config.slo.period);
  const { period } = config.slo;
  return {
    alert: 'KnativeLambdaFunctionErrorBudgetBurn',
    expr: `(\n  ${overBurn(w.long, w.factor)}\nand\n  ${overBurn(w.short, w.factor)}\nand\n  ${enoughFailures(config, w.long)}\n)`,
    for: w.for,
    severity: w.severity,
    labels: { long: w.long, short: w.short },
    summary: 'A function is spending its error budget too fast.',
    description: `{{ $labels.namespace }}/{{ $labels.function }} ({{ $labels.runtime }}): error ratio {{ $value | humanizePercentage }} over ${w.long} burns the ${period} error budget ${w.factor}x faster than sustainable (${Math.round(share * 100)}% of the budget in ${w.long}).`,
    runbook: {
      meaning: [
        `Multi-window, multi-burn-rate SLO alert (SRE workbook). The function's availability objective is spec.slo.objective (default ${config.slo.objective}) over ${period}; its error budget is 1 - objective.`,
        `This rule fires when the error ratio over ${w.long} AND over ${w.short} both exceed ${w.factor} x budget, i.e. ${Math.round(share * 100)}% of the ${period} budget would be gone in ${w.long}. The short window makes the alert stop soon after the problem does.`,
        ...lowTrafficGuardReasoning(config),
        `Severity: critical pages (fast burn), warning tickets (slow burn): ${BURN_RATE_WINDOWS.map((x) => `${x.long}/${x.short} ${x.severity}`).join(', ')}.`,
      ].join('\n\n'),
      confirm: `${RECORDED.errorRate(w.long)}{function="<name>", namespace="<ns>"} / (1 - ${RECORDED.sloObjective}{function="<name>", namespace="<ns>"})`,
      causes: ['a bad deploy', 'a failing dependency', 'a change in input from producers'],
      actions: [
        `See how much budget is left: \`${RECORDED.errorBudgetRemaining(period)}{function="<name>"}\`.`,
        'Follow KnativeLambdaFunctionHighErrorRate for diagnosis by error type.',
        `Failing requests by type: \`sum by (error_type) (rate(${FUNCTION_METRICS.errors.name}{function="<name>"}[${w.short}]))\`.`,
      ],
    },
  };
}

export function sloAlerts(config: RulesConfig): AlertRule[] {
  return BURN_RATE_WINDOWS.map((w) => burnAlert(config, w));
}
