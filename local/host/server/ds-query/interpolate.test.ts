import type { InterpolationInput } from './interpolate';
import { interpolateVariables } from './interpolate';

const base: InterpolationInput = {
  queryIntervalMs: 15_000,
  stepMs: 30_000,
  minStep: '',
  scrapeInterval: '',
  rangeMs: 3_600_500,
};

describe('interpolateVariables (promlib InterpolateVariables)', () => {
  it('expands every built-in variable in both spellings', () => {
    const expr =
      'rate(x[$__rate_interval]) $__interval_ms ${__interval} $__range $__range_s $__range_ms ${__rate_interval_ms}';
    expect(interpolateVariables(expr, base)).toBe('rate(x[1m0s]) 30000 30s 3601s 3601 3600500 60000');
  });

  it.each<[string, Partial<InterpolationInput>, string]>([
    ['scrape interval of the data source', { scrapeInterval: '5s', queryIntervalMs: 60_000 }, '1m5s'],
    ['min step as the scrape interval', { minStep: '1m', queryIntervalMs: 15_000 }, '4m0s'],
    ['min step $__interval: the step is the scrape interval', { minStep: '$__interval' }, '2m0s'],
    ['min step $__rate_interval: the step itself', { minStep: '$__rate_interval', stepMs: 75_000 }, '1m15s'],
  ])('$__rate_interval with %s', (_, input, expected) =>
    expect(interpolateVariables('$__rate_interval', { ...base, ...input })).toBe(expected)
  );

  it('leaves dashboard variables and other text alone', () =>
    expect(interpolateVariables('up{job="$job"} $__intervalx', base)).toBe('up{job="$job"} 30sx'));
});
