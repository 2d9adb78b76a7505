import { promqlErrors } from './assertPromql';

describe('assertPromql', () => {
  it.each(['sum by (a) (rate(x[5m]))', 'x{a="b\\"c"}', 'rate(x[$__rate_interval])'])('accepts %s', (expr) => {
    expect(promqlErrors(expr)).toEqual([]);
  });

  it.each(['sum by (a) (rate(x[5m])', 'x{a="b"c"}', 'x{a=b}', 'rate(x[)'])('rejects %s', (expr) => {
    expect(promqlErrors(expr).length).toBeGreaterThan(0);
  });
});
