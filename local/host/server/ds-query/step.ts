// The step of a Prometheus query and $__rate_interval, as Grafana's Prometheus backend computes them.
// Source: grafana/grafana pkg/promlib/models/query.go (calculatePrometheusInterval, calculateRateInterval;
// min-step precedence from grafana#115941), pkg/promlib/intervalv2/intervalv2.go (Calculate,
// CalculateSafeInterval), grafana-plugin-sdk-go backend/gtime (GetIntervalFrom).
import { parseIntervalString, roundInterval } from './durations';

/** Prometheus refuses more than 11,000 points per series; Grafana keeps the step above range/11000. */
export const SAFE_RESOLUTION = 11000;
/** intervalv2.DefaultRes: the resolution when a query carries no maxDataPoints. */
export const DEFAULT_RESOLUTION = 1500;
/** gtime.GetIntervalFrom's default minimum when nothing else is set. */
export const DEFAULT_MIN_INTERVAL_MS = 15_000;
const RATE_INTERVAL_SCRAPES = 4;

const INTERVAL_VARIABLES = ['$__interval', '${__interval}', '$__interval_ms', '${__interval_ms}'];
const RATE_INTERVAL_VARIABLES = [
  '$__rate_interval',
  '${__rate_interval}',
  '$__rate_interval_ms',
  '${__rate_interval_ms}',
];

export interface StepInput {
  /** the query's `interval` ("Min step" in the editor), may be a variable or empty */
  minStep: string;
  /** the data source's jsonData.timeInterval (its scrape interval), may be empty */
  scrapeInterval: string;
  /** the query model's intervalMs (0 when absent) */
  intervalMs: number;
  /** deprecated query option; 0 means 1 */
  intervalFactor: number;
  rangeMs: number;
  /** 0 means DEFAULT_RESOLUTION */
  maxDataPoints: number;
}

/** gtime.GetIntervalFrom: min step, else intervalMs, else the scrape interval, else 15 s ("0s" counts as unset). */
function minimumInterval(minStep: string, scrapeInterval: string, intervalMs: number): number {
  const own = minStep === '0s' ? '' : minStep;
  if (own === '' && intervalMs !== 0) {
    return intervalMs;
  }
  const chosen = own || scrapeInterval;
  return chosen === '' ? DEFAULT_MIN_INTERVAL_MS : parseIntervalString(chosen);
}

/** range / resolution in whole nanoseconds, as Go's integer division of durations. */
function perPoint(rangeMs: number, resolution: number): number {
  return Math.trunc((rangeMs * 1e6) / resolution) / 1e6;
}

/** max(interval + scrape, 4 × scrape); scrape defaults to 15 s, an unparsable one gives 0. */
export function rateIntervalMs(intervalMs: number, scrapeInterval: string): number {
  let scrape: number;
  try {
    scrape = parseIntervalString(scrapeInterval || '15s');
  } catch {
    return 0;
  }
  return Math.max(intervalMs + scrape, RATE_INTERVAL_SCRAPES * scrape);
}

export function isRateIntervalVariable(minStep: string): boolean {
  return RATE_INTERVAL_VARIABLES.includes(minStep);
}

/** Throws DurationError for a min step or scrape interval Go could not parse. */
export function calculateStepMs(input: StepInput): number {
  const variable = INTERVAL_VARIABLES.includes(input.minStep) || isRateIntervalVariable(input.minStep);
  const minStep = variable ? '' : input.minStep;
  const minInterval = minimumInterval(minStep, input.scrapeInterval, input.intervalMs);
  const raw = perPoint(input.rangeMs, input.maxDataPoints || DEFAULT_RESOLUTION);
  const calculated = raw < minInterval ? minInterval : roundInterval(raw);
  const safe = roundInterval(perPoint(input.rangeMs, SAFE_RESOLUTION));
  const adjusted = Math.max(calculated, safe);
  if (isRateIntervalVariable(input.minStep)) {
    return rateIntervalMs(adjusted, input.scrapeInterval);
  }
  if (!variable && minStep !== '') {
    return parseIntervalString(minStep);
  }
  return adjusted * (input.intervalFactor || 1);
}

/** models.AlignTimeRange: floor to a multiple of the step, in the viewer's UTC offset. */
export function alignToStep(timeMs: number, stepMs: number, utcOffsetSec: number): number {
  const offsetMs = utcOffsetSec * 1000;
  return Math.floor((timeMs + offsetMs) / stepMs) * stepMs - offsetMs;
}
