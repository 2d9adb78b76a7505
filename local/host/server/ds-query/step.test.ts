import { DurationError } from './durations';
import type { StepInput } from './step';
import { alignToStep, calculateStepMs, rateIntervalMs } from './step';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const base: StepInput = {
  minStep: '',
  scrapeInterval: '',
  intervalMs: 15_000,
  intervalFactor: 0,
  rangeMs: HOUR,
  maxDataPoints: 1000,
};

describe('calculateStepMs (promlib calculatePrometheusInterval)', () => {
  it.each<[string, Partial<StepInput>, number]>([
    ['intervalMs is the minimum when range/maxDataPoints is smaller', {}, 15_000],
    ['range/maxDataPoints, rounded, when larger than intervalMs', { rangeMs: DAY, intervalMs: 60_000 }, 60_000],
    [
      'never below range/11000 (Prometheus point limit), rounded',
      { rangeMs: 30 * DAY, maxDataPoints: 100_000, intervalMs: 1000 },
      300_000,
    ],
    ['a min step overrides the calculated step (grafana#115941)', { minStep: '1m' }, 60_000],
    [
      '…even when the safe resolution would be larger',
      { minStep: '1m', rangeMs: 30 * DAY, maxDataPoints: 100_000 },
      60_000,
    ],
    ['min step in brackets', { minStep: '<2m>' }, 120_000],
    ['min step as bare seconds', { minStep: '45' }, 45_000],
    ['$__interval as min step counts as unset', { minStep: '$__interval' }, 15_000],
    [
      '$__rate_interval as min step: the rate interval of the adjusted step',
      { minStep: '$__rate_interval', scrapeInterval: '15s' },
      60_000,
    ],
    ['the scrape interval when intervalMs is absent', { intervalMs: 0, scrapeInterval: '30s' }, 30_000],
    ['15 s when nothing is set', { intervalMs: 0 }, 15_000],
    ['maxDataPoints 0 means 1500', { rangeMs: 6 * HOUR, maxDataPoints: 0, intervalMs: 1000 }, 15_000],
    ['intervalFactor multiplies', { intervalFactor: 2 }, 30_000],
  ])('%s', (_, input, step) => expect(calculateStepMs({ ...base, ...input })).toBe(step));

  it('refuses a min step Go cannot parse', () =>
    expect(() => calculateStepMs({ ...base, minStep: 'soon' })).toThrow(DurationError));
});

describe('rateIntervalMs: max(interval + scrape, 4 × scrape)', () => {
  it.each<[number, string, number]>([
    [15_000, '', 60_000],
    [60_000, '15s', 75_000],
    [30_000, '30s', 120_000],
    [30_000, 'nonsense', 0],
  ])('interval %d ms, scrape %j → %d ms', (interval, scrape, rate) =>
    expect(rateIntervalMs(interval, scrape)).toBe(rate)
  );
});

describe('alignToStep (models.AlignTimeRange)', () => {
  it('floors to a multiple of the step', () =>
    expect(alignToStep(1_700_000_012_345, 15_000, 0)).toBe(1_700_000_010_000));
  it("aligns day steps to the viewer's midnight", () =>
    expect(new Date(alignToStep(1_700_000_000_000, DAY, 3600)).toISOString()).toBe('2023-11-13T23:00:00.000Z'));
});
