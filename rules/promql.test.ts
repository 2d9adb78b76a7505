import {
  atLeastEventsInWindow,
  durationSeconds,
  escapeLabelValue,
  histogramQuantile,
  perFunctionOr,
  ratioOfRates,
  selector,
} from './promql';

describe('PromQL builders', () => {
  it('escapes label values for double-quoted matchers', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(selector('up', { job: 'x"} or vector(1) #' })).toBe('up{job="x\\"} or vector(1) #"}');
  });

  it('builds selectors with every matcher operator', () => {
    expect(selector('m')).toBe('m');
    expect(selector('m', { a: '1', 'b!=': '2', 'c=~': '3.*', 'd!~': '4' })).toBe('m{a="1", b!="2", c=~"3.*", d!~"4"}');
  });

  it('builds ratios as a sum of bad rates over a sum of total rates, never clamped', () => {
    const expr = ratioOfRates('bad_total', 'all_total', '5m', ['function']);
    expect(expr).toBe('sum by (function) (rate(bad_total[5m]))\n/\nsum by (function) (rate(all_total[5m]))');
    expect(expr).not.toContain('clamp');
  });

  it('aggregates buckets by le before taking a quantile', () => {
    expect(histogramQuantile(0.95, 'd_bucket', '5m', ['runtime'])).toBe(
      'histogram_quantile(0.95, sum by (le, runtime) (rate(d_bucket[5m])))'
    );
  });

  it('falls back to a default per function only where the gauge is absent', () => {
    expect(perFunctionOr('g', 5, 'traffic', ['function', 'namespace'])).toBe(
      'max by (function, namespace) (g)\nor on (function, namespace)\n(0 * max by (function, namespace) (traffic) + 5)'
    );
  });

  it('counts the events of a ratio in a window from the recorded ratio and rate', () => {
    expect(atLeastEventsInWindow('ratio:1h', 'rate:1h', 3600, 5)).toBe('ratio:1h * rate:1h * 3600 >= 5');
  });

  it('converts durations', () => {
    expect(['30s', '5m', '1h', '3d', '1w'].map(durationSeconds)).toEqual([30, 300, 3600, 259200, 604800]);
    expect(() => durationSeconds('5 minutes')).toThrow('unsupported duration');
  });
});
