import { EXTERNAL_METRICS } from './external-metrics';
import { FUNCTION_ERROR_TYPES, OPERATOR_ERROR_TYPES } from './labels';
import type { Emitter, MetricSpec } from './metrics';
import { ALL_METRICS } from './metrics';

const SECTIONS: ReadonlyArray<[Emitter, string]> = [
  ['operator', 'Operator (`pkg-operator`, served on the operator pod `:8080/metrics`)'],
  ['function', 'Functions (runtime wrappers, served on each function pod `:8080/metrics`)'],
  ['backend', "Embedded backend (the plugin's own registry, exposed through Grafana's CollectMetrics)"],
];

function labelCell(metric: MetricSpec): string {
  if (metric.labels.length === 0) {
    return '—';
  }
  return metric.labels
    .map((l) => (l.values ? `\`${l.name}\` (${l.values.map((v) => `\`${v}\``).join(', ')})` : `\`${l.name}\``))
    .join('<br>');
}

function row(metric: MetricSpec): string {
  const extra = [
    metric.buckets ? `buckets ${metric.buckets.join(', ')}` : '',
    metric.exemplar ? `exemplar \`${metric.exemplar}\`` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `| \`${metric.name}\` | ${metric.type} | ${labelCell(metric)} | ${metric.help}${extra ? ` (${extra})` : ''} |`;
}

function table(emitter: Emitter): string[] {
  return [
    '| metric | type | labels | meaning |',
    '|---|---|---|---|',
    ...ALL_METRICS.filter((m) => m.emitter === emitter).map(row),
  ];
}

function glossary(title: string, entries: Record<string, string>): string[] {
  return [`### ${title}`, '', ...Object.entries(entries).map(([k, v]) => `- \`${k}\`: ${v}`), ''];
}

/** Renders docs/metrics.md from the contract. The file is generated: edit contract/*.ts instead. */
export function renderMetricsDoc(): string {
  const lines: string[] = [
    '# Metrics contract',
    '',
    '<!-- Generated from contract/ by `npm run generate`. Do not edit by hand: a test fails when this file drifts. -->',
    '',
    'Every metric the product emits, with its labels and their allowed values. `contract/` is the only place',
    'these names are written; the operator, the runtimes (through generated constants), the rules, the backend',
    'and the app import them.',
    '',
  ];
  for (const [emitter, title] of SECTIONS) {
    lines.push(`## ${title}`, '', ...table(emitter), '');
  }
  lines.push(
    '## Invariants',
    '',
    '- The error ratio of a function is',
    '  `sum(rate(knative_lambda_function_invocations_total{status!="success"}[w])) / sum(rate(knative_lambda_function_invocations_total[w]))`.',
    '  No ratio in this product clamps its denominator: with no traffic the ratio is undefined (no sample), not 0.',
    '- Every invocation increments `invocations_total` exactly once. Every non-success invocation (`error` or `timeout`)',
    '  also increments `errors_total` exactly once, so `sum(errors_total) == sum(invocations_total{status!="success"})`.',
    "- An invocation is a request the wrapper's HTTP server accepts as `POST /`: from then on it counts once, whatever",
    '  happens to its body (cut short, badly chunked, too large: `validation`). A request whose head the server refuses',
    '  (invalid request line, Content-Length or framing) is answered 400 and is not an invocation (pkg-operator/runtimes/README.md).',
    '- Function series are scraped from the pods only (no push path), so nothing is counted twice.',
    '- A runtime wrapper creates its `invocations_total` series for every status at 0 when it starts, so a running',
    '  function with no series at all means broken instrumentation (`KnativeLambdaFunctionMetricsMissing`), not idleness.',
    '- `reconcile_total` is incremented once per reconcile; its `phase` is the phase the function was in when the reconcile began.',
    '- `functions`, `function_info`, `function_slo_objective`, `function_latency_target_seconds` and `build_jobs_active` are',
    '  computed from the informer caches at scrape time and exported by the leader only: a deleted function or an emptied',
    '  phase disappears at the next scrape, and a sum across replicas never double-counts.',
    '- `workqueue_depth` and `workqueue_latency_seconds` are measured by the work queue itself.',
    '- Label values outside the sets above are never emitted; `function` and `namespace` are Kubernetes object names,',
    '  so cardinality is bounded by the number of LambdaFunctions.',
    '',
    '## Label glossary',
    '',
    ...glossary('Function `error_type`', FUNCTION_ERROR_TYPES),
    ...glossary('Operator `error_type`', OPERATOR_ERROR_TYPES),
    '## External metrics read by the rules',
    '',
    ...Object.entries(EXTERNAL_METRICS).map(([name, { source }]) => `- \`${name}\`: ${source}`),
    ''
  );
  return lines.join('\n');
}
