import { ALL_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { RECORDED } from '../../rules/recorded';
import { assertPromql } from '../test/assertPromql';

import {
  FUNCTIONS_PAGE_QUERY_COUNT,
  functionsTableQueries,
  HEALTH_SERIES,
  TABLE_REF,
  TABLE_WINDOW,
} from './functionsTable';

describe('functionsTableQueries', () => {
  const queries = functionsTableQueries();

  it(`issues exactly ${FUNCTIONS_PAGE_QUERY_COUNT} instant queries, one per column plus health and runtimes`, () => {
    expect(FUNCTIONS_PAGE_QUERY_COUNT).toBeLessThanOrEqual(8);
    expect(queries).toHaveLength(FUNCTIONS_PAGE_QUERY_COUNT);
    expect(queries.map((q) => q.refId)).toEqual(Object.values(TABLE_REF));
    expect(new Set(queries.map((q) => q.refId)).size).toBe(queries.length);
    for (const q of queries) {
      expect(q).toMatchObject({ instant: true, range: false, format: 'table' });
    }
  });

  it.each(functionsTableQueries().map((q) => [q.refId, q.expr]))('%s parses as PromQL', (_ref, expr) => {
    assertPromql(expr);
  });

  it('reads the recorded series the alerts evaluate', () => {
    const byRef = Object.fromEntries(queries.map((q) => [q.refId, q.expr]));
    expect(byRef.rate).toBe(RECORDED.invocationRate(TABLE_WINDOW));
    expect(byRef.errors).toBe(RECORDED.errorRate(RULES_CONFIG.functionErrorRatio.window));
    expect(byRef.budget).toBe(RECORDED.errorBudgetRemaining(RULES_CONFIG.slo.period));
    expect(byRef.alerts).toContain('alertstate="firing"');
    for (const tag of Object.values(HEALTH_SERIES)) {
      expect(byRef.health).toContain(`"series", "${tag}"`);
    }
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
