import { durationSeconds } from '../../rules/promql';
import { BURN_RATE_WINDOWS, type BurnRateWindow, burnThreshold, errorBudgetRemaining } from '../../rules/slo';

export { errorBudgetRemaining };

/** How many times faster than sustainable an error ratio spends the budget. */
export function burnRate(errorRatio: number, objective: number): number {
  return errorRatio / (1 - objective);
}

/**
 * Seconds until the budget is gone if the current burn rate holds: the remaining share of the period's budget,
 * spent at `rate` periods' worth per period. 0 when already spent, Infinity when nothing burns.
 */
export function timeToExhaustionSeconds(budgetRemaining: number, rate: number, period: string): number {
  if (budgetRemaining <= 0) {
    return 0;
  }
  if (rate <= 0) {
    return Infinity;
  }
  return (budgetRemaining * durationSeconds(period)) / rate;
}

export type PairState = 'firing' | 'burning' | 'ok' | 'no data';

export interface BurnPairRow {
  window: BurnRateWindow;
  /** error ratio above which both windows must be for the alert to fire */
  threshold: number;
  shortBurn?: number;
  longBurn?: number;
  state: PairState;
}

export interface PairInputs {
  shortRatio?: number;
  longRatio?: number;
  firing: boolean;
}

/** One row per window pair of the generated burn-rate alerts, in the rules' own order. */
export function burnPairRows(objective: number, inputs: (w: BurnRateWindow) => PairInputs): BurnPairRow[] {
  return BURN_RATE_WINDOWS.map((w) => {
    const { shortRatio, longRatio, firing } = inputs(w);
    const threshold = burnThreshold(objective, w.factor);
    const shortBurn = shortRatio === undefined ? undefined : burnRate(shortRatio, objective);
    const longBurn = longRatio === undefined ? undefined : burnRate(longRatio, objective);
    let state: PairState = 'ok';
    if (firing) {
      state = 'firing';
    } else if (shortRatio === undefined || longRatio === undefined) {
      state = 'no data';
    } else if (shortRatio > threshold && longRatio > threshold) {
      state = 'burning';
    }
    return { window: w, threshold, shortBurn, longBurn, state };
  });
}

/** The pair whose window "what burned the budget" ranks: the firing one, else the one burning fastest (long). */
export function attributionPair(rows: BurnPairRow[]): BurnPairRow {
  const firing = rows.find((r) => r.state === 'firing');
  if (firing) {
    return firing;
  }
  return rows.reduce((worst, r) =>
    (r.longBurn ?? -1) / r.window.factor > (worst.longBurn ?? -1) / worst.window.factor ? r : worst
  );
}
