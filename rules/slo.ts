import { durationSeconds } from './promql';

export type Severity = 'critical' | 'warning' | 'info';

export interface BurnRateWindow {
  long: string;
  short: string;
  /** Burn-rate factor: how many times faster than sustainable the budget is spent. */
  factor: number;
  severity: Severity;
  for: string;
}

/**
 * The SRE-workbook multi-window multi-burn-rate set for a 30-day period (Sloth, kubernetes-mixin and Grafana SLO
 * use the same four rows): page on 2% of the budget in 1h or 5% in 6h, ticket on 10% in 1d or 3d.
 */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { long: '1h', short: '5m', factor: 14.4, severity: 'critical', for: '2m' },
  { long: '6h', short: '30m', factor: 6, severity: 'critical', for: '15m' },
  { long: '1d', short: '2h', factor: 3, severity: 'warning', for: '1h' },
  { long: '3d', short: '6h', factor: 1, severity: 'warning', for: '3h' },
];

/** Error ratio above which a window burns at `factor` for an objective. */
export function burnThreshold(objective: number, factor: number): number {
  return factor * (1 - objective);
}

/** Share of the period's budget a window consumes if it burns at `factor` for its whole length. */
export function budgetConsumed(window: BurnRateWindow, period: string): number {
  return (window.factor * durationSeconds(window.long)) / durationSeconds(period);
}

/** ((1 - objective) - errorRatio) / (1 - objective): 1 = untouched, 0 = spent, negative = overspent. */
export function errorBudgetRemaining(objective: number, errorRatio: number): number {
  const budget = 1 - objective;
  return (budget - errorRatio) / budget;
}

/** Every window the rules need an error ratio for: each burn-rate window plus the SLO period. */
export function sloWindows(period: string): string[] {
  const all = new Set<string>();
  for (const w of BURN_RATE_WINDOWS) {
    all.add(w.short);
    all.add(w.long);
  }
  all.add(period);
  return [...all].sort((a, b) => durationSeconds(a) - durationSeconds(b));
}

/**
 * The low-traffic guard's floor for a window: `in1h` failed invocations in a 1h window, times the square root of the
 * window's length in hours. A fixed floor would let a 3-day window ticket on a few stray failures; a floor growing
 * with the window (a minimum failure rate) would hide the slow burn of every low-traffic function.
 */
export function minFailuresInWindow(window: string, in1h: number): number {
  return Math.ceil(in1h * Math.sqrt(durationSeconds(window) / 3600));
}
