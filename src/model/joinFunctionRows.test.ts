import { type DataFrame, FieldType, toDataFrame } from '@grafana/data';

import { HEALTH_SERIES, TABLE_REF } from '../queries/functionsTable';

import { filterRows, filterValues } from './filterRows';
import type { FunctionListItem } from './functionRow';
import { samplesByRefId } from './instantSamples';
import { joinFunctionRows, listFromPrometheus } from './joinFunctionRows';
import { runtimeSummary } from './runtimeSummary';
import { parseSort, formatSort, sortRows } from './sortRows';

const slo = { objective: 0.999, latencyTargetSeconds: 5 };
const item = (namespace: string, name: string, runtime: string, phase = 'Ready'): FunctionListItem => ({
  namespace,
  name,
  runtime,
  phase: phase as FunctionListItem['phase'],
  ready: phase === 'Ready',
  conditions: [],
  slo,
});

/** An instant table frame the way Grafana's Prometheus datasource returns it. */
function table(refId: string, rows: Array<Record<string, string | number>>): DataFrame {
  const labelNames = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k !== 'value')))];
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: rows.map(() => 1) },
      ...labelNames.map((n) => ({ name: n, type: FieldType.string, values: rows.map((r) => r[n]) })),
      { name: `Value #${refId}`, type: FieldType.number, values: rows.map((r) => r.value) },
    ],
  });
}

const fn = (namespace: string, name: string, runtime: string) => ({ namespace, function: name, runtime });

const frames = [
  table(TABLE_REF.rate, [
    { ...fn('a', 'hello', 'nodejs'), value: 4 },
    { ...fn('a', 'broken', 'go'), value: 1 },
    { ...fn('b', 'slow', 'python'), value: 2 },
  ]),
  // only non-zero ratios come back: hello had traffic and no failed invocation
  table(TABLE_REF.errors, [
    { ...fn('a', 'broken', 'go'), value: 0.5 },
    { ...fn('b', 'slow', 'python'), value: 0.01 },
  ]),
  table(TABLE_REF.coldStarts, [{ ...fn('a', 'hello', 'nodejs'), value: 0.25 }]),
  table(TABLE_REF.budget, [
    { ...fn('a', 'hello', 'nodejs'), value: 0.9 },
    { ...fn('a', 'broken', 'go'), value: -3 },
    { ...fn('b', 'slow', 'python'), value: 0.2 },
  ]),
  table(TABLE_REF.alerts, [
    {
      namespace: 'a',
      function: 'broken',
      alertname: 'KnativeLambdaFunctionHighErrorRate',
      severity: 'warning',
      value: 1,
    },
  ]),
  table(TABLE_REF.health, [
    { ...fn('a', 'hello', 'nodejs'), series: HEALTH_SERIES.burn, value: 0 },
    { ...fn('b', 'slow', 'python'), series: HEALTH_SERIES.burn, value: 10 },
    { ...fn('b', 'slow', 'python'), series: HEALTH_SERIES.guardInvocations, value: 40 },
    { ...fn('b', 'slow', 'python'), series: HEALTH_SERIES.guardFailures, value: 1 },
    { namespace: 'a', function: 'hello', series: HEALTH_SERIES.up, value: 1 },
    { namespace: 'a', function: 'broken', series: HEALTH_SERIES.up, value: 1 },
    { namespace: 'b', function: 'slow', series: HEALTH_SERIES.up, value: 1 },
    { ...fn('c', 'nightly', 'go'), phase: 'Ready', series: HEALTH_SERIES.info, value: 1 },
  ]),
  table(TABLE_REF.runtimes, [{ runtime: 'go', series: 'p95', value: 0.3 }]),
];

const items = [
  item('a', 'hello', 'nodejs'),
  item('a', 'broken', 'go'),
  item('b', 'slow', 'python'),
  item('c', 'nightly', 'go'),
];

describe('joinFunctionRows', () => {
  const rows = joinFunctionRows(items, samplesByRefId(frames));
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));

  it('joins every listed function with its column values and state', () => {
    expect(rows).toHaveLength(4);
    expect(byName.hello.metrics).toMatchObject({
      invocationRate: 4,
      errorRatio: 0,
      coldStartRatio: 0.25,
      budgetRemaining: 0.9,
      up: 1,
    });
    expect(byName.hello.verdict.state).toBe('Healthy');
    expect(byName.broken.verdict.state).toBe('Failing');
    expect(byName.slow.verdict.state).toBe('Degraded');
    expect(byName.nightly.verdict.state).toBe('Idle');
    expect(byName.nightly.metrics).toEqual({ firing: [] });
  });

  it('marks low traffic where the guard suppresses the burn-rate alerts', () => {
    expect(byName.slow.guard?.suppressed).toBe(true);
    expect(byName.slow.guard?.tooltip).toMatch(
      /^40 invocations and 1 failures in the last 1h; burn-rate alerts need at least \d+ failures there\.$/
    );
    expect(byName.hello.guard).toBeUndefined();
  });

  it('sorts problems first: firing, then state, then lowest budget', () => {
    expect(sortRows(rows, parseSort(undefined)).map((r) => r.name)).toEqual(['broken', 'slow', 'hello', 'nightly']);
    expect(sortRows(rows, parseSort('-rate')).map((r) => r.name)).toEqual(['hello', 'slow', 'broken', 'nightly']);
    expect(sortRows(rows, parseSort('budget')).map((r) => r.name)).toEqual(['broken', 'slow', 'hello', 'nightly']);
    expect(sortRows(rows, parseSort('name')).map((r) => r.name)).toEqual(['broken', 'hello', 'nightly', 'slow']);
    expect(formatSort(parseSort('-p95'))).toBe('-p95');
    expect(parseSort('nonsense')).toEqual({ key: 'problems', desc: false });
  });

  it.each([
    [{ runtimes: ['go'] }, ['broken', 'nightly']],
    [{ namespaces: ['b'] }, ['slow']],
    [{ states: ['Idle', 'Failing'] }, ['broken', 'nightly']],
    [{ search: 'HEL' }, ['hello']],
    [{ search: 'a/b' }, ['broken']],
    [{ runtimes: filterValues(['$__all']) }, ['hello', 'broken', 'slow', 'nightly']],
  ])('filters %j', (partial, names) => {
    const f = { namespaces: [], runtimes: [], phases: [], states: [], search: '', ...partial };
    expect(filterRows(rows, f).map((r) => r.name)).toEqual(names);
  });

  it('summarises by runtime with exact ratios of summed rates', () => {
    const summary = runtimeSummary(rows, samplesByRefId(frames));
    expect(summary.map((s) => s.runtime)).toEqual(['go', 'nodejs', 'python']);
    expect(summary[0]).toMatchObject({ functions: 2, invocationRate: 1, errorRatio: 0.5, p95Seconds: 0.3 });
    expect(summary[1]).toMatchObject({ coldStartRatio: 0.25, errorRatio: 0 });
  });

  it('lists functions from function_info when the backend has no Kubernetes access', () => {
    expect(listFromPrometheus(samplesByRefId(frames), slo)).toEqual([
      { namespace: 'c', name: 'nightly', runtime: 'go', phase: 'Ready', ready: true, conditions: [], slo },
    ]);
  });

  it('reads time-series shaped frames too', () => {
    const series = toDataFrame({
      refId: TABLE_REF.rate,
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 2] },
        { name: 'Value', type: FieldType.number, values: [1, 7], labels: { namespace: 'a', function: 'hello' } },
      ],
    });
    expect(samplesByRefId([series]).get(TABLE_REF.rate)).toEqual([
      { labels: { namespace: 'a', function: 'hello' }, value: 7 },
    ]);
  });
});
