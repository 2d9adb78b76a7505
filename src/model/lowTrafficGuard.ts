import { RULES_CONFIG } from '../../rules/config';
import { BURN_RATE_WINDOWS, minFailuresInWindow } from '../../rules/slo';

import type { GuardTraffic } from './functionMetrics';

/** The long window of the fastest burn-rate pair: the one whose guard decides whether a page can fire. */
export function guardWindow(): string {
  return BURN_RATE_WINDOWS[0].long;
}

/** Failed invocations a burn-rate alert needs in `window`, from the rules module itself. */
export function guardFloor(window: string): number {
  return minFailuresInWindow(window, RULES_CONFIG.slo.minFailuresIn1h);
}

export interface GuardState {
  /** the function burns its budget, but too few failures for the burn-rate alerts to fire */
  suppressed: boolean;
  tooltip: string;
}

export function lowTrafficGuardState(
  guard: GuardTraffic | undefined,
  burnRate: number | undefined
): GuardState | undefined {
  if (!guard) {
    return undefined;
  }
  const floor = guardFloor(guard.window);
  const tooltip =
    `${Math.round(guard.invocations)} invocations and ${Math.round(guard.failures)} failures in the last ${guard.window}; ` +
    `burn-rate alerts need at least ${floor} failures there.`;
  return { suppressed: (burnRate ?? 0) > 1 && guard.failures < floor, tooltip };
}
