// Grafana's server-side built-in variables in a PromQL expression.
// Source: grafana/grafana pkg/promlib/models/query.go (InterpolateVariables). The frontend leaves these
// untouched (it only expands dashboard variables), so the server must.
import { formatGoDuration, formatInterval } from './durations';
import { rateIntervalMs } from './step';

export interface InterpolationInput {
  /** the request's intervalMs as the data query carries it (default 1000) */
  queryIntervalMs: number;
  stepMs: number;
  /** the query's `interval` (min step) */
  minStep: string;
  scrapeInterval: string;
  rangeMs: number;
}

export function rateIntervalFor(input: InterpolationInput): number {
  if (input.minStep === '$__rate_interval' || input.minStep === '${__rate_interval}') {
    return input.stepMs;
  }
  let minStep = input.minStep;
  if (minStep === '$__interval' || minStep === '${__interval}') {
    minStep = formatGoDuration(input.stepMs);
  }
  return rateIntervalMs(input.queryIntervalMs, minStep || input.scrapeInterval);
}

/** Both spellings, `$__name` and `${__name}`; longer names first so `$__interval_ms` is not read as `$__interval`. */
export function interpolateVariables(expr: string, input: InterpolationInput): string {
  const rangeSeconds = Math.round(input.rangeMs / 1000);
  const rate = rateIntervalFor(input);
  const values: Array<[string, string]> = [
    ['__interval_ms', String(Math.trunc(input.stepMs))],
    ['__interval', formatInterval(input.stepMs)],
    ['__range_ms', String(Math.trunc(input.rangeMs))],
    ['__range_s', String(rangeSeconds)],
    ['__range', `${rangeSeconds}s`],
    ['__rate_interval_ms', String(Math.trunc(rate))],
    ['__rate_interval', formatGoDuration(rate)],
  ];
  let out = expr;
  for (const [name, value] of values) {
    out = out.split(`$${name}`).join(value).split(`\${${name}}`).join(value);
  }
  return out;
}
