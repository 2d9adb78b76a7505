import { FUNCTION_METRICS } from '../../contract';
import { RulesConfig } from '../config';
import { AlertRule } from '../model';
import { durationSeconds } from '../promql';
import { FUNCTION_ID, RECORDED } from '../recorded';
import { BURN_RATE_WINDOWS, BurnRateWindow, budgetConsumed } from '../slo';

function overBurn(window: string, factor: number): string {
  return `${RECORDED.errorRate(window)}\n  > on (${FUNCTION_ID.join(', ')}) group_left ()\n  (${factor} * (1 - ${RECORDED.sloObjective}))`;
}

/** Low-traffic guard: enough invocations and enough failures in the long window. */
function enoughTraffic(config: RulesConfig, long: string): string {
  const seconds = durationSeconds(long);
  const { minInvocationsLongWindow, minFailuresLongWindow } = config.slo;
  return [
    `${RECORDED.invocationRate(long)} * ${seconds} >= ${minInvocationsLongWindow}`,
    `${RECORDED.errorRate(long)} * ${RECORDED.invocationRate(long)} * ${seconds} >= ${minFailuresLongWindow}`,
  ].join('\nand\n  ');
}

function burnAlert(config: RulesConfig, w: BurnRateWindow): AlertRule {
  const share = budgetConsumed(w, config.slo.period);
  const { period, minInvocationsLongWindow, minFailuresLongWindow } = config.slo;
  return {
    alert: 'KnativeLambdaFunctionErrorBudgetBurn',
    expr: `(\n  ${overBurn(w.long, w.factor)}\nand\n  ${overBurn(w.short, w.factor)}\nand\n  ${enoughTraffic(config, w.long)}\n)`,
    for: w.for,
    severity: w.severity,
    labels: { long: w.long, short: w.short },
    summary: 'A function is spending its error budget too fast.',
    description: `{{ $labels.namespace }}/{{ $labels.function }} ({{ $labels.runtime }}): error ratio {{ $value | humanizePercentage }} over ${w.long} burns the ${period} error budget ${w.factor}x faster than sustainable (${Math.round(share * 100)}% of the budget in ${w.long}).`,
    runbook: {
      meaning: [
        `Multi-window, multi-burn-rate SLO alert (SRE workbook). The function's availability objective is spec.slo.objective (default ${config.slo.objective}) over ${period}; its error budget is 1 - objective.`,
        `This rule fires when the error ratio over ${w.long} AND over ${w.short} both exceed ${w.factor} x budget, i.e. ${Math.round(share * 100)}% of the ${period} budget would be gone in ${w.long}. The short window makes the alert stop soon after the problem does.`,
        `Low-traffic guard: it also needs at least ${minInvocationsLongWindow} invocations and ${minFailuresLongWindow} failed invocations in the ${w.long} window, so a handful of requests cannot page anyone. Functions below that traffic are covered by KnativeLambdaFunctionHighErrorRate.`,
        `Severity ${w.severity}: ${w.severity === 'critical' ? 'page (fast burn)' : 'ticket (slow burn)'}.`,
      ].join('\n'),
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
