/** Small, pure PromQL builders. They produce text; promtool proves the text means what the names say. */

/** Escapes a value for a double-quoted PromQL label matcher (backslash, quote, newline). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export type Matchers = Record<string, string>;

/** `metric{a="x",b=~"y"}` — a key ending in `=~`, `!=` or `!~` chooses that operator. */
export function selector(metric: string, matchers: Matchers = {}): string {
  const parts = Object.entries(matchers).map(([key, value]) => {
    const op = /(=~|!=|!~)$/.exec(key)?.[1] ?? '=';
    const name = op === '=' ? key : key.slice(0, -op.length);
    return `${name}${op}"${escapeLabelValue(value)}"`;
  });
  return parts.length ? `${metric}{${parts.join(', ')}}` : metric;
}

export function by(labels: readonly string[]): string {
  return `by (${labels.join(', ')})`;
}

export function sumRate(series: string, window: string, labels: readonly string[]): string {
  return `sum ${by(labels)} (rate(${series}[${window}]))`;
}

/** The only ratio shape in this product: total bad rate over total rate, no clamped denominator. */
export function ratioOfRates(bad: string, total: string, window: string, labels: readonly string[]): string {
  return `${sumRate(bad, window, labels)}\n/\n${sumRate(total, window, labels)}`;
}

export function histogramQuantile(q: number, bucket: string, window: string, labels: readonly string[]): string {
  return `histogram_quantile(${q}, ${sumRate(bucket, window, ['le', ...labels])})`;
}

/**
 * At least `min` events of a ratio's kind in a window, from a recorded ratio and a recorded rate over that window:
 * `ratio * rate * seconds >= min`. Without traffic the ratio is NaN and the comparison false.
 */
export function atLeastEventsInWindow(ratio: string, rate: string, windowSeconds: number, min: number): string {
  return `${ratio} * ${rate} * ${windowSeconds} >= ${min}`;
}

/** Per-function value from a gauge, or `fallback` for functions that have traffic but no such gauge. */
export function perFunctionOr(gauge: string, fallback: number, trafficSeries: string, keys: readonly string[]): string {
  return `max ${by(keys)} (${gauge})\nor on (${keys.join(', ')})\n(0 * max ${by(keys)} (${trafficSeries}) + ${fallback})`;
}

/** Duration text (`5m`, `1h`, `30d`) to seconds. */
export function durationSeconds(duration: string): number {
  const match = /^(\d+)(s|m|h|d|w)$/.exec(duration);
  if (!match) {
    throw new Error(`unsupported duration ${duration}`);
  }
  const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[match[2] as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(match[1]) * unit;
}
