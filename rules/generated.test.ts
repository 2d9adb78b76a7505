import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import type { MetricSpec } from '../contract';
import { ALL_METRICS, EXTERNAL_METRICS } from '../contract';

import { RULES_CONFIG } from './config';
import { allAlerts, ruleGroups } from './definition';
import { OUTPUT_PATHS, REPO_ROOT, renderOutputs } from './outputs';
import { metricRefs } from './promql-refs';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const outputs = renderOutputs(RULES_CONFIG);
const rulesFile = parse(read(OUTPUT_PATHS.rulesFile));
const prometheusRule = parse(read(OUTPUT_PATHS.prometheusRule));
const grafana = parse(read(OUTPUT_PATHS.grafanaAlerts));
/** Labels Prometheus attaches to every scraped series (the target's), which no contract metric declares. */
const TARGET_LABELS = new Set(['job', 'instance', 'pod']);
const recordNames = new Set(ruleGroups(RULES_CONFIG).flatMap((g) => (g.recording ?? []).map((r) => r.record)));

function contractMetric(name: string): MetricSpec | undefined {
  return ALL_METRICS.find(
    (m) => m.name === name || (m.type === 'histogram' && ['_bucket', '_count', '_sum'].some((s) => m.name + s === name))
  );
}

/** Every metric a query reads is ours (with allowed label values) or a documented external one. */
function checkQuery(expr: string): string[] {
  const problems: string[] = [];
  for (const ref of metricRefs(expr)) {
    if (ref.metric.includes(':')) {
      if (!recordNames.has(ref.metric)) {
        problems.push(`unknown recording rule ${ref.metric}`);
      }
      continue;
    }
    const spec = contractMetric(ref.metric);
    if (!spec) {
      if (!(ref.metric in EXTERNAL_METRICS)) {
        problems.push(`${ref.metric} is neither in the contract nor a documented external metric`);
      }
      continue;
    }
    for (const m of ref.matchers) {
      const label = spec.labels.find((l) => l.name === m.label);
      if (!label && TARGET_LABELS.has(m.label)) {
        continue;
      }
      if (!label) {
        problems.push(`${ref.metric} has no label ${m.label}`);
      } else if (label.values && (m.op === '=' || m.op === '!=') && !label.values.includes(m.value)) {
        problems.push(`${ref.metric}{${m.label}="${m.value}"}: value is never emitted`);
      }
    }
  }
  return problems;
}

describe('generated rules artefacts', () => {
  it.each([...outputs.keys()])('%s matches the generator (run `npm run generate`)', (path) => {
    expect(read(path)).toBe(outputs.get(path));
  });

  it('has no stale runbooks', () => {
    const expected = [...outputs.keys()].filter((p) => p.startsWith(OUTPUT_PATHS.runbooks)).sort();
    const present = readdirSync(join(REPO_ROOT, OUTPUT_PATHS.runbooks))
      .map((f) => `${OUTPUT_PATHS.runbooks}/${f}`)
      .sort();
    expect(present).toEqual(expected);
  });

  it('never clamps a denominator', () => {
    for (const content of outputs.values()) {
      expect(content).not.toContain('clamp_min');
    }
  });

  it('contains the proposal recording rule and every required alert', () => {
    expect(recordNames).toContain('knative_lambda:function_error_rate:5m');
    const names = new Set(allAlerts(RULES_CONFIG).map((a) => a.alert));
    for (const name of [
      'KnativeLambdaFunctionHighErrorRate',
      'KnativeLambdaBuildDurationHigh',
      'KnativeLambdaWorkqueueDepthHigh',
      'KnativeLambdaHighColdStartRate',
      'KnativeLambdaFunctionHighLatency',
      'KnativeLambdaDLQAccumulating',
      'KnativeLambdaPodMemoryHigh',
      'KnativeLambdaFunctionMetricsMissing',
      'KnativeLambdaFunctionErrorBudgetBurn',
      'KnativeLambdaOperatorDown',
      'KnativeLambdaReconcileErrors',
      'KnativeLambdaBuildsFailing',
      'KnativeLambdaScratchVolumeFilling',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(allAlerts(RULES_CONFIG).map((a) => [a.alert, a]))('%s follows the mixin alert style', (_n, alert) => {
    expect(alert.alert).toMatch(/^KnativeLambda[A-Z][A-Za-z0-9]+$/);
    expect(['critical', 'warning', 'info']).toContain(alert.severity);
    expect(alert.summary).toMatch(/\.$/);
    expect(alert.description.length).toBeGreaterThan(20);
    expect(existsSync(join(REPO_ROOT, OUTPUT_PATHS.runbooks, `${alert.alert}.md`))).toBe(true);
  });

  it('reads only metrics someone emits, with label values they emit', () => {
    const exprs: string[] = rulesFile.groups.flatMap((g: { rules: Array<{ expr: string }> }) =>
      g.rules.map((r) => r.expr)
    );
    const grafanaExprs: string[] = grafana.groups.flatMap(
      (g: { rules: Array<{ data: Array<{ model: { expr?: string } }> }> }) =>
        g.rules.map((r) => r.data[0].model.expr ?? '')
    );
    expect([...exprs, ...grafanaExprs].flatMap(checkQuery)).toEqual([]);
  });

  it('catches a label value nobody emits (the original result="failure" bug)', () => {
    expect(checkQuery('knative_lambda_operator_build_duration_seconds_count{result="failure"}')).toEqual([
      'knative_lambda_operator_build_duration_seconds_count{result="failure"}: value is never emitted',
    ]);
    expect(checkQuery('knative_lambda_lambdafunctions_total')).toHaveLength(1);
  });

  it('links every alert to its runbook', () => {
    for (const group of rulesFile.groups) {
      for (const rule of group.rules.filter((r: { alert?: string }) => r.alert)) {
        expect(rule.annotations.runbook_url).toBe(`${RULES_CONFIG.runbookBaseUrl}/${rule.alert}.md`);
        expect(rule.labels.severity).toBeDefined();
      }
    }
  });
});

describe('PrometheusRule', () => {
  it('is a kube-prometheus PrometheusRule selected by the configured labels', () => {
    expect(prometheusRule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(prometheusRule.kind).toBe('PrometheusRule');
    expect(prometheusRule.metadata.namespace).toBe(RULES_CONFIG.prometheusRule.namespace);
    expect(prometheusRule.metadata.labels).toMatchObject(RULES_CONFIG.prometheusRule.labels);
    expect(prometheusRule.metadata.labels.release).toBe('kube-prometheus-stack');
  });

  it('carries exactly the groups of the rules file', () => {
    expect(prometheusRule.spec.groups).toEqual(rulesFile.groups);
  });
});

describe('Grafana alert provisioning', () => {
  const rules = grafana.groups.flatMap((g: { rules: unknown[] }) => g.rules);

  it('is in the file provisioning format with the product folder', () => {
    expect(grafana.apiVersion).toBe(1);
    for (const group of grafana.groups) {
      expect(group).toMatchObject({ orgId: 1, folder: 'Knative Lambda', interval: RULES_CONFIG.grafana.interval });
      expect(typeof group.name).toBe('string');
    }
  });

  it('has one rule per alerting rule, each complete and uniquely identified', () => {
    expect(rules).toHaveLength(allAlerts(RULES_CONFIG).length);
    const uids = rules.map((r: { uid: string }) => r.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const rule of rules) {
      expect(rule.uid.length).toBeLessThanOrEqual(40);
      expect(rule).toMatchObject({ condition: 'C', noDataState: 'OK', execErrState: 'Error' });
      expect(rule.title).toMatch(/^KnativeLambda/);
      expect(rule.for).toMatch(/^\d+[smhd]$/);
      expect(Object.keys(rule.annotations).sort()).toEqual(['description', 'runbook_url', 'summary']);
      expect(rule.labels.severity).toMatch(/^(critical|warning|info)$/);
    }
  });

  it('queries one Prometheus datasource and inlines every recording rule', () => {
    for (const rule of rules) {
      const [query, condition] = rule.data;
      expect(query.datasourceUid).toBe(RULES_CONFIG.grafana.datasourceUid);
      expect(query.model.datasource.uid).toBe(RULES_CONFIG.grafana.datasourceUid);
      expect(query.model.instant).toBe(true);
      expect(query.model.expr).not.toMatch(/knative_lambda:/);
      expect(condition).toMatchObject({ refId: 'C', datasourceUid: '__expr__' });
      expect(condition.model.expression).toContain('$A');
      expect(rule.annotations.description).not.toMatch(/\$value\b/);
    }
  });
});
