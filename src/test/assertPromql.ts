import { parser } from '@prometheus-io/lezer-promql';

/** Grafana variables the datasource interpolates before Prometheus sees the query. */
const INTERPOLATED: Array<[RegExp, string]> = [
  [/\$__rate_interval/g, '5m'],
  [/\$__interval/g, '1m'],
  [/\$__from/g, '1700000000000'],
  [/\$__to/g, '1700003600000'],
];

/** Parse errors of a PromQL text (after Grafana's interpolation); empty when it parses. */
export function promqlErrors(expr: string): string[] {
  const text = INTERPOLATED.reduce((t, [re, v]) => t.replace(re, v), expr);
  const errors: string[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push(`error at ${node.from}: …${text.slice(Math.max(0, node.from - 20), node.to + 20)}…`);
      }
    },
  });
  return errors;
}

export function assertPromql(expr: string): void {
  expect(promqlErrors(expr)).toEqual([]);
}
