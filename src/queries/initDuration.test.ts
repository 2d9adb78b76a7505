import { FUNCTION_METRICS } from '../../contract/metrics';
import { INIT_DURATION_WINDOW, initDurationQuantile } from '../../rules/init-duration';
import { assertPromql } from '../test/assertPromql';

import { fnSelector } from './functionSelector';

const BUCKET = `${FUNCTION_METRICS.initDuration.name}_bucket`;
const ofDemoHello = (metric: string) => fnSelector(metric, 'demo', 'he"llo');

describe('initDurationQuantile', () => {
  it.each<[string, number, string, string[], ((m: string) => string) | undefined, string]>([
    [
      'every runtime over 1h',
      0.95,
      '1h',
      ['runtime'],
      undefined,
      `histogram_quantile(0.95, sum by (le, runtime) (max_over_time(${BUCKET}[1h])))`,
    ],
    [
      'one function over the processes of the last hour',
      0.95,
      INIT_DURATION_WINDOW,
      [],
      ofDemoHello,
      `histogram_quantile(0.95, sum by (le) (max_over_time(${BUCKET}{namespace="demo", function="he\\"llo"}[1h])))`,
    ],
    [
      'the median over 30m',
      0.5,
      '30m',
      [],
      undefined,
      `histogram_quantile(0.5, sum by (le) (max_over_time(${BUCKET}[30m])))`,
    ],
  ])('%s', (_case, q, window, labels, selectorOf, expected) => {
    const expr = initDurationQuantile(q, window, labels, selectorOf);
    expect(expr).toBe(expected);
    assertPromql(expr);
  });

  it('never takes rate() of the buckets, which is 0 for a once-per-process observation', () => {
    expect(initDurationQuantile(0.95, '1h', [])).not.toMatch(/rate\(/);
  });
});
