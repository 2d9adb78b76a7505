/** What a PromQL expression reads: metric names and the label matchers applied to each. */
export interface MetricRef {
  metric: string;
  matchers: Array<{ label: string; op: string; value: string }>;
}

const KEYWORDS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'rate',
  'irate',
  'increase',
  'delta',
  'idelta',
  'deriv',
  'histogram_quantile',
  'label_replace',
  'label_join',
  'absent',
  'absent_over_time',
  'vector',
  'scalar',
  'time',
  'clamp_min',
  'clamp_max',
  'abs',
  'sum_over_time',
  'avg_over_time',
  'max_over_time',
  'min_over_time',
  'count_over_time',
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!=|!~|=)\s*"((?:[^"\\]|\\.)*)"/g;

/** Extracts metric references; grouping-label lists, strings and ranges are not mistaken for metrics. */
export function metricRefs(expr: string): MetricRef[] {
  const refs: MetricRef[] = [];
  const withoutGroupings = expr
    .replace(/`[^`]*`/g, '""')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '$1')
    .replace(/\[[^\]]*\]/g, '');
  const token = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?|"(?:[^"\\]|\\.)*"|\d+(?:\.\d+)?(?:e[+-]?\d+)?/g;
  for (const match of withoutGroupings.matchAll(token)) {
    const [, name, braces] = match;
    if (!name || KEYWORDS.has(name) || /^\d/.test(name)) {
      continue;
    }
    const next = withoutGroupings.slice((match.index ?? 0) + match[0].length).trimStart();
    if (!braces && next.startsWith('(')) {
      continue;
    }
    const matchers = [...(braces ?? '').matchAll(MATCHER)].map(([, label, op, value]) => ({ label, op, value }));
    refs.push({ metric: name, matchers });
  }
  return refs;
}
