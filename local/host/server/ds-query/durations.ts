// Durations the way Grafana's Go code reads and prints them, in milliseconds (fractions allowed).
// Sources: Go's time.ParseDuration / Duration.String, grafana-plugin-sdk-go backend/gtime
// (ParseDuration, ParseIntervalStringToTimeDuration, FormatInterval, RoundInterval).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** gtime.ParseDuration: the Julian year, a month is a twelfth of it. */
const JULIAN_YEAR = 365.25 * DAY;

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};
const CALENDAR_UNITS: Record<string, number> = { d: DAY, w: 7 * DAY, M: JULIAN_YEAR / 12, y: JULIAN_YEAR };
const GO_DURATION = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
const GO_PART = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

export class DurationError extends Error {}

/** Go's time.ParseDuration ("1h30m", "1.5s", "0"), plus gtime's single calendar unit ("7d", "2w", "1M", "1y"). */
export function parseDuration(text: string): number {
  const calendar = /^(\d+)([dwMy])$/.exec(text);
  if (calendar) {
    return Number(calendar[1]) * CALENDAR_UNITS[calendar[2]];
  }
  if (text === '0' || text === '+0' || text === '-0') {
    return 0;
  }
  const match = GO_DURATION.exec(text);
  if (!match) {
    throw new DurationError(`time: invalid duration ${JSON.stringify(text)}`);
  }
  let ms = 0;
  for (const part of match[2].matchAll(GO_PART)) {
    ms += Number(part[1]) * GO_UNITS[part[2]];
  }
  return match[1] === '-' ? -ms : ms;
}

/** gtime.ParseIntervalStringToTimeDuration: "<10s>" loses its brackets, a bare number is seconds. */
export function parseIntervalString(text: string): number {
  if (text === '') {
    throw new DurationError('invalid interval');
  }
  const inner = text.replace(/^</, '').replace(/>$/, '');
  return /^\d+$/.test(inner) ? Number(inner) * SECOND : parseDuration(inner);
}

/** gtime.FormatInterval: the largest whole unit, truncated ("90s" → "1m"), at least "1ms". */
export function formatInterval(ms: number): string {
  const units: Array<[number, string]> = [
    [365 * DAY, 'y'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
    [1, 'ms'],
  ];
  for (const [size, suffix] of units) {
    if (ms >= size) {
      return `${Math.floor(ms / size)}${suffix}`;
    }
  }
  return '1ms';
}

/** Go's time.Duration.String(): "45s", "1m0s", "1h2m3.5s", "500ms", "0s". */
export function formatGoDuration(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < SECOND) {
    const [value, unit] = abs >= 1 ? [abs, 'ms'] : abs >= 1e-3 ? [abs * 1e3, 'µs'] : [abs * 1e6, 'ns'];
    return `${sign}${trimFraction(value.toFixed(6))}${unit}`;
  }
  const hours = Math.floor(abs / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const seconds = trimFraction(((abs % MINUTE) / SECOND).toFixed(9));
  if (hours > 0) {
    return `${sign}${hours}h${minutes}m${seconds}s`;
  }
  return minutes > 0 ? `${sign}${minutes}m${seconds}s` : `${sign}${seconds}s`;
}

function trimFraction(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** gtime.RoundInterval: [upper bound (inclusive), rounded value] in ms; beyond the table, 1y. */
const ROUNDING: Array<[number, number]> = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, SECOND],
  [3500, 2 * SECOND],
  [7500, 5 * SECOND],
  [12500, 10 * SECOND],
  [17500, 15 * SECOND],
  [25000, 20 * SECOND],
  [45000, 30 * SECOND],
  [90000, MINUTE],
  [210000, 2 * MINUTE],
  [450000, 5 * MINUTE],
  [750000, 10 * MINUTE],
  [1050000, 15 * MINUTE],
  [1500000, 20 * MINUTE],
  [2700000, 30 * MINUTE],
  [5400000, HOUR],
  [9000000, 2 * HOUR],
  [16200000, 3 * HOUR],
  [32400000, 6 * HOUR],
  [86400000, 12 * HOUR],
  [172800000, DAY],
  [604800000, DAY],
  [1814400000, 7 * DAY],
];
/** The last bracket is exclusive in gtime. */
const THIRTY_DAYS_BELOW = 3628800000;

export function roundInterval(ms: number): number {
  const bracket = ROUNDING.find(([upper]) => ms <= upper);
  if (bracket) {
    return bracket[1];
  }
  return ms < THIRTY_DAYS_BELOW ? 30 * DAY : 365 * DAY;
}
