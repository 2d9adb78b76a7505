import { RULES_CONFIG } from './config';
import {
  BURN_RATE_WINDOWS,
  budgetConsumed,
  burnThreshold,
  errorBudgetRemaining,
  minFailuresInWindow,
  sloWindows,
} from './slo';

describe('SLO math', () => {
  it('uses the SRE workbook windows and factors', () => {
    expect(BURN_RATE_WINDOWS.map((w) => [w.long, w.short, w.factor, w.severity])).toEqual([
      ['1h', '5m', 14.4, 'critical'],
      ['6h', '30m', 6, 'critical'],
      ['1d', '2h', 3, 'warning'],
      ['3d', '6h', 1, 'warning'],
    ]);
  });

  it('pages on 2% and 5% of a 30-day budget, tickets on 10%', () => {
    expect(BURN_RATE_WINDOWS.map((w) => Number(budgetConsumed(w, '30d').toFixed(3)))).toEqual([0.02, 0.05, 0.1, 0.1]);
  });

  it('turns a factor into an error-ratio threshold', () => {
    expect(burnThreshold(0.999, 14.4)).toBeCloseTo(0.0144, 10);
    expect(burnThreshold(0.99, 1)).toBeCloseTo(0.01, 10);
  });

  it('computes the error budget left, negative when overspent', () => {
    expect(errorBudgetRemaining(0.999, 0)).toBe(1);
    expect(errorBudgetRemaining(0.999, 0.0005)).toBeCloseTo(0.5, 10);
    expect(errorBudgetRemaining(0.999, 0.001)).toBeCloseTo(0, 10);
    expect(errorBudgetRemaining(0.999, 0.002)).toBeCloseTo(-1, 10);
  });

  it('scales the low-traffic floor of failures with the square root of the window', () => {
    const floors = BURN_RATE_WINDOWS.map((w) => minFailuresInWindow(w.long, RULES_CONFIG.slo.minFailuresIn1h));
    expect(floors).toEqual([5, 13, 25, 43]);
    // 2 failures among 6 requests never reach a floor; 1 request a minute failing half reaches the 1h floor in 10m
    expect(Math.min(...floors)).toBeGreaterThan(2);
    expect(floors[0]).toBeLessThanOrEqual(9);
  });

  it('lists each window once, shortest first, with the period last', () => {
    expect(sloWindows('30d')).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
  });
});
