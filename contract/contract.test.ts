import { readFileSync } from 'node:fs';

import { METRICS_DOC_PATH } from './generate-docs';
import { renderMetricsDoc } from './metrics-doc';

import {
  ALL_METRICS,
  BACKEND_METRICS,
  FUNCTION_METRICS,
  LABEL_VALUES,
  OPEN_LABELS,
  OPERATOR_METRICS,
  formatLe,
} from './index';

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

describe('metrics contract', () => {
  it.each(ALL_METRICS.map((m) => [m.name, m]))('%s follows Prometheus naming rules', (_name, metric) => {
    expect(metric.name).toMatch(METRIC_NAME);
    expect(metric.name).toMatch(/^knative_lambda_(operator|function|backend)_/);
    if (metric.type === 'counter') {
      expect(metric.name).toMatch(/_total$/);
    } else {
      expect(metric.name).not.toMatch(/_(total|bucket|count|sum)$/);
    }
    if (metric.type === 'histogram') {
      expect(metric.name).toMatch(/_seconds$/);
    }
    expect(metric.help.length).toBeGreaterThan(10);
  });

  it('has unique metric names', () => {
    const names = ALL_METRICS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(ALL_METRICS.map((m) => [m.name, m]))('%s has valid, closed or known-open labels', (_name, metric) => {
    for (const label of metric.labels) {
      expect(label.name).toMatch(LABEL_NAME);
      expect(label.name.startsWith('__')).toBe(false);
      expect(label.name).not.toBe('le');
      const known = label.values !== undefined || (OPEN_LABELS as readonly string[]).includes(label.name);
      expect(known).toBe(true);
      if (label.values) {
        expect(label.values.length).toBeGreaterThan(0);
        expect(new Set(label.values).size).toBe(label.values.length);
      }
    }
    expect(new Set(metric.labels.map((l) => l.name)).size).toBe(metric.labels.length);
  });

  it.each(ALL_METRICS.filter((m) => m.type === 'histogram').map((m) => [m.name, m]))(
    '%s has strictly increasing finite buckets',
    (_name, metric) => {
      const buckets = metric.buckets ?? [];
      expect(buckets.length).toBeGreaterThan(2);
      buckets.forEach((b, i) => {
        expect(Number.isFinite(b)).toBe(true);
        if (i > 0) {
          expect(b).toBeGreaterThan(buckets[i - 1]);
        }
      });
    }
  );

  // Worst cases found in code: the operator's git clone timeout (pkg-operator/src/sources/git-clone.ts, 120 s)
  // and a backend route that waits on up to three Kubernetes calls in turn (~15 s). Each must land in a finite bucket
  // or histogram_quantile reports the top bucket instead of the real latency.
  it.each([
    [OPERATOR_METRICS.reconcileDuration.name, OPERATOR_METRICS.reconcileDuration.buckets, 120],
    [BACKEND_METRICS.requestDuration.name, BACKEND_METRICS.requestDuration.buckets, 15],
  ])('%s has a finite bucket above its worst case (%d s)', (_name, buckets: readonly number[], worstCaseSeconds) => {
    expect(buckets[buckets.length - 1]).toBeGreaterThan(worstCaseSeconds);
  });

  it('only histograms have buckets', () => {
    for (const metric of ALL_METRICS) {
      expect(metric.buckets !== undefined).toBe(metric.type === 'histogram');
    }
  });

  it('puts function, namespace and runtime on every function series', () => {
    for (const metric of Object.values(FUNCTION_METRICS)) {
      expect(metric.labels.map((l) => l.name).slice(0, 3)).toEqual(['function', 'namespace', 'runtime']);
    }
  });

  it('keeps the label value sets consistent with the metrics that use them', () => {
    for (const metric of ALL_METRICS) {
      for (const label of metric.labels) {
        if (label.values && LABEL_VALUES[label.name] && label.name !== 'result' && label.name !== 'error_type') {
          expect(label.values).toEqual(LABEL_VALUES[label.name]);
        }
      }
    }
  });

  it('formats histogram bounds the way Prometheus clients do', () => {
    expect([0.001, 0.005, 1, 2.5, 30, Infinity].map(formatLe)).toEqual(['0.001', '0.005', '1', '2.5', '30', '+Inf']);
  });

  it('keeps docs/metrics.md in sync with the contract (run `npm run generate`)', () => {
    expect(readFileSync(METRICS_DOC_PATH, 'utf8')).toBe(renderMetricsDoc());
  });
});
