import type { FunctionCondition } from '../../backend/api/types';
import { BURN_RATE_WINDOWS } from '../../rules/slo';

import { ALERT_NAMES } from './alertNames';
import type { FunctionMetrics } from './functionMetrics';

/** In the order the Functions table sorts them: problems first. */
export const FUNCTION_STATES = [
  'Failing',
  'Failed',
  'Rejected',
  'Degraded',
  'No metrics',
  'Not ready',
  'Healthy',
  'Idle',
] as const;
export type FunctionState = (typeof FUNCTION_STATES)[number];

export interface StateVerdict {
  state: FunctionState;
  reason?: string;
}

/** SourceReady reason the operator writes when the security policy rejects a source. */
export const POLICY_REJECTION_REASON = 'ValidationFailed';

export interface FunctionIdentityState {
  phase: string;
  ready: boolean;
  conditions: FunctionCondition[];
}

const PAGE_SEVERITIES = new Set<string>(
  BURN_RATE_WINDOWS.filter((w) => w.severity === 'critical').map((w) => w.severity)
);

function failedCondition(conditions: FunctionCondition[]): FunctionCondition | undefined {
  return (
    conditions.find((c) => c.type !== 'Ready' && c.status === 'False') ?? conditions.find((c) => c.status === 'False')
  );
}

function describe(condition: FunctionCondition | undefined): string | undefined {
  if (!condition) {
    return undefined;
  }
  return [condition.reason, condition.message].filter(Boolean).join(': ') || undefined;
}

function kubernetesVerdict(fn: FunctionIdentityState): StateVerdict | undefined {
  if (fn.phase === 'Failed') {
    const cause = failedCondition(fn.conditions);
    return { state: cause?.reason === POLICY_REJECTION_REASON ? 'Rejected' : 'Failed', reason: describe(cause) };
  }
  if (fn.phase !== 'Ready' || !fn.ready) {
    const pending = fn.conditions.find((c) => c.status !== 'True');
    return { state: 'Not ready', reason: describe(pending) ?? `phase ${fn.phase}` };
  }
  return undefined;
}

function isPageLevel(m: FunctionMetrics): boolean {
  return m.firing.some(
    (a) =>
      a.alertname === ALERT_NAMES.highErrorRate ||
      (a.alertname === ALERT_NAMES.budgetBurn && PAGE_SEVERITIES.has(a.severity))
  );
}

/**
 * The metrics-missing alert's own verdict (it waits 15m), or a target down now. A pod scraped but without a rate yet
 * is one just woken from zero: its first scrapes come before any rate, and that is no alarm.
 */
function metricsMissing(m: FunctionMetrics): boolean {
  return m.up === 0 || m.firing.some((a) => a.alertname === ALERT_NAMES.metricsMissing);
}

/** The state the Functions table shows, from Kubernetes state first, then the alerts and metrics. */
export function computeFunctionState(fn: FunctionIdentityState, m: FunctionMetrics): StateVerdict {
  const fromKubernetes = kubernetesVerdict(fn);
  if (fromKubernetes) {
    return fromKubernetes;
  }
  if (isPageLevel(m)) {
    return { state: 'Failing', reason: m.firing.map((a) => a.alertname).join(', ') };
  }
  if (metricsMissing(m)) {
    return {
      state: 'No metrics',
      reason: m.up === 0 ? 'a scrape target is down' : 'scraped, but no invocation series',
    };
  }
  if (!m.invocationRate) {
    return { state: 'Idle', reason: m.up === undefined ? 'scaled to zero, no traffic' : 'running, no traffic yet' };
  }
  if ((m.burnRate ?? 0) > 1) {
    return { state: 'Degraded', reason: `burning the error budget ${m.burnRate!.toFixed(1)}× faster than sustainable` };
  }
  return { state: 'Healthy' };
}
