import { BURN_RATE_WINDOWS } from '../../rules/slo';

import { attributionPair, burnPairRows, burnRate, errorBudgetRemaining, timeToExhaustionSeconds } from './sloMath';

describe('SLO maths', () => {
  it.each([
    [0.001, 0.999, 1],
    [0.0144, 0.999, 14.4],
    [0, 0.99, 0],
    [0.05, 0.95, 1],
  ])('burn rate of ratio %s at objective %s is %s', (ratio, objective, expected) => {
    expect(burnRate(ratio, objective)).toBeCloseTo(expected, 10);
  });

  it.each([
    [1, 1, '30d', 30 * 86400],
    [0.5, 2, '30d', 7.5 * 86400],
    [0.5, 0, '30d', Infinity],
    [0, 5, '30d', 0],
    [-0.2, 5, '30d', 0],
  ])('budget %s at burn %s over %s lasts %s s', (budget, rate, period, expected) => {
    expect(timeToExhaustionSeconds(budget, rate, period)).toBe(expected);
  });

  it('re-exports the rules module budget formula', () => {
    expect(errorBudgetRemaining(0.999, 0.0005)).toBeCloseTo(0.5, 10);
  });

  it('has one row per window pair of the generated alerts, with factor × (1 − objective) thresholds', () => {
    const rows = burnPairRows(0.999, (w) => ({
      shortRatio: w.factor * 0.001 * 2,
      longRatio: w.factor * 0.001 * 2,
      firing: w.long === '6h',
    }));
    expect(rows.map((r) => [r.window.long, r.window.short, r.window.factor])).toEqual(
      BURN_RATE_WINDOWS.map((w) => [w.long, w.short, w.factor])
    );
    rows.forEach((r) => expect(r.threshold).toBeCloseTo(r.window.factor * 0.001, 12));
    expect(rows.map((r) => r.state)).toEqual(['burning', 'firing', 'burning', 'burning']);
    expect(rows[0].shortBurn).toBeCloseTo(28.8, 10);
    expect(attributionPair(rows).window.long).toBe('6h');
  });

  it('says no data when a window has no series, ok below the threshold, and attributes to the worst pair', () => {
    const rows = burnPairRows(0.99, (w) =>
      w.long === '1h'
        ? { firing: false }
        : { shortRatio: 0.001, longRatio: w.long === '3d' ? 0.02 : 0.001, firing: false }
    );
    expect(rows.map((r) => r.state)).toEqual(['no data', 'ok', 'ok', 'ok']);
    expect(attributionPair(rows).window.long).toBe('3d');
  });
});
