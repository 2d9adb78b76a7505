import { ALL_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { RECORDED } from '../../rules/recorded';
import { assertPromql } from '../test/assertPromql';

import {
  FUNCTIONS_PAGE_QUERY_COUNT,
  functionsTableQueries,
  runtimeSummaryQueries,
  HEALTH_SERIES,
  TABLE_REF,
  TABLE_WINDOW,
} from './functionsTable';

describe('functionsTableQueries', () => {
  const queries = [...functionsTableQueries(), ...runtimeSummaryQueries()];

  it(`issues exactly ${FUNCTIONS_PAGE_QUERY_COUNT} instant queries, one per column plus health and runtimes`, () => {
    expect(FUNCTIONS_PAGE_QUERY_COUNT).toBeLessThanOrEqual(8);
    expect(queries).toHaveLength(FUNCTIONS_PAGE_QUERY_COUNT);
    expect(queries.map((q) => q.refId)).toEqual(Object.values(TABLE_REF));
    expect(new Set(queries.map((q) => q.refId)).size).toBe(queries.length);
    for (const q of queries) {
      expect(q).toMatchObject({ instant: true, range: false, format: 'table' });
    }
  });

  it.each(queries.map((q) => [q.refId, q.expr]))('%s parses as PromQL', (_ref, expr) => {
    assertPromql(expr);
  });

  it('reads the recorded series the alerts evaluate, one series per function labelled (function, namespace)', () => {
    const byRef = Object.fromEntries(queries.map((q) => [q.refId, q.expr]));
    expect(byRef.rate).toBe(`sum by (function, namespace) (${RECORDED.invocationRate(TABLE_WINDOW)})`);
    expect(byRef.errors).toBe(
      `max by (function, namespace) (${RECORDED.errorRate(RULES_CONFIG.functionErrorRatio.window)}) > 0`
    );
    expect(byRef.budget).toBe(
      `min by (function, namespace) (${RECORDED.errorBudgetRemaining(RULES_CONFIG.slo.period)})`
    );
    expect(byRef.alerts).toContain('alertstate="firing"');
    const { info, ...always } = HEALTH_SERIES;
    for (const tag of Object.values(always)) {
      expect(byRef.health).toContain(`"series", "${tag}"`);
    }
    expect(byRef.health).not.toContain(`"series", "${info}"`);
  });

  it('sends no per-series display name: every query asks for __auto legends', () => {
    for (const q of queries) {
      expect(q.legendFormat).toBe('__auto');
    }
  });

  it('returns health series only where they can change a row: burn > 1, the guard there, up down or idle', () => {
    const health = queries.find((q) => q.refId === TABLE_REF.health)!.expr;
    const parts = health.split(/\nor\nlabel_replace/);
    expect(parts[0]).toMatch(/> 1, "series", "burn"/);
    expect(parts[1]).toMatch(/and on \(function, namespace\)\n\(max by .*> 1\), "series", "guard_invocations"/s);
    expect(parts[2]).toMatch(/and on \(function, namespace\)\n\(max by .*> 1\), "series", "guard_failures"/s);
    expect(parts[3]).toMatch(/== 0\)\nor\n\(min by .* unless on \(function, namespace\) \(sum by .* > 0\)\)/s);
  });

  it('lists the functions from function_info only without Kubernetes, in the same number of queries', () => {
    const fallback = [...functionsTableQueries({ fromPrometheus: true }), ...runtimeSummaryQueries()];
    expect(fallback).toHaveLength(FUNCTIONS_PAGE_QUERY_COUNT);
    const health = fallback.find((q) => q.refId === TABLE_REF.health)!.expr;
    expect(health).toContain(`"series", "${HEALTH_SERIES.info}"`);
    assertPromql(health);
  });

  it('aggregates per function, never per row: no function or namespace literal appears', () => {
    for (const q of queries) {
      expect(q.expr).not.toMatch(/function="|namespace="/);
    }
  });

  it('uses one window for rates, error and cold-start ratios so per-runtime sums are exact', () => {
    expect(RULES_CONFIG.coldStartRatio.window).toBe(TABLE_WINDOW);
  });

  it('names only contract metrics, recorded series and Prometheus built-ins', () => {
    const known = new Set(ALL_METRICS.flatMap((m) => [m.name, `${m.name}_bucket`]));
    for (const q of queries) {
      const names = q.expr.match(/\b(knative_lambda[a-z0-9_:]*)/g) ?? [];
      for (const n of names) {
        expect(known.has(n) || n.startsWith('knative_lambda:')).toBe(true);
      }
    }
  });
});
