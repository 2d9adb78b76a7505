import {
  DurationError,
  formatGoDuration,
  formatInterval,
  parseDuration,
  parseIntervalString,
  roundInterval,
} from './durations';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration (Go time.ParseDuration + gtime calendar units)', () => {
  it.each([
    ['1h30m', 90 * M],
    ['1.5s', 1500],
    ['300ms', 300],
    ['250us', 0.25],
    ['0', 0],
    ['-5m', -5 * M],
    ['7d', 7 * D],
    ['2w', 14 * D],
    ['1y', 365.25 * D],
    ['1M', (365.25 * D) / 12],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBeCloseTo(ms, 6));

  it.each(['', '5x', '1d2h', 'h', '1.5'])('refuses %j like Go does', (text) =>
    expect(() => parseDuration(text)).toThrow(DurationError)
  );
});

describe('parseIntervalString (gtime.ParseIntervalStringToTimeDuration)', () => {
  it.each([
    ['<30s>', 30 * S],
    ['45', 45 * S],
    ['2m', 2 * M],
  ])('%s → %d ms', (text, ms) => expect(parseIntervalString(text)).toBe(ms));
  it('refuses the empty string', () => expect(() => parseIntervalString('')).toThrow('invalid interval'));
});

describe('formatInterval (gtime.FormatInterval, used for $__interval)', () => {
  it.each([
    [90 * S, '1m'],
    [59_999, '59s'],
    [400 * D, '1y'],
    [2 * D, '2d'],
    [1500, '1s'],
    [0.5, '1ms'],
  ])('%d ms → %s', (ms, text) => expect(formatInterval(ms)).toBe(text));
});

describe('formatGoDuration (Go Duration.String, used for $__rate_interval and "Step:")', () => {
  it.each([
    [0, '0s'],
    [45 * S, '45s'],
    [M, '1m0s'],
    [75 * S, '1m15s'],
    [H, '1h0m0s'],
    [H + 30 * M + 45.5 * S, '1h30m45.5s'],
    [500, '500ms'],
    [1.5, '1.5ms'],
    [0.25, '250µs'],
  ])('%d ms → %s', (ms, text) => expect(formatGoDuration(ms)).toBe(text));
});

describe('roundInterval (gtime.RoundInterval)', () => {
  it.each([
    [10, 1],
    [11, 10],
    [1500, S],
    [1501, 2 * S],
    [86_400, M],
    [600_000_000, D],
    [3_628_799_999, 30 * D],
    [3_628_800_000, 365 * D],
  ])('%d ms → %d ms', (ms, rounded) => expect(roundInterval(ms)).toBe(rounded));
});
