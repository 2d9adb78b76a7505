import { RECORDED } from '../../rules/recorded';
import { BURN_RATE_WINDOWS } from '../../rules/slo';
import { assertPromql } from '../test/assertPromql';

import { alertStateQueries } from './alerts';
import { overviewPanels } from './functionOverview';
import { budgetOverTimeQueries, burnPairQueries, sloNowQueries } from './functionSlo';
import { operatorAlertNames, operatorPanels } from './operator';
import type { PromQuery } from './promQuery';

const NAMES: Array<[string, string, string]> = [
  ['plain', 'demo', 'hello'],
  ['quote', 'de"mo', 'he"llo'],
  ['backslash', 'de\\mo', 'he\\llo'],
  ['dot', 'de.mo', 'he.llo'],
  ['pipe', 'de|mo', 'he|llo'],
];

function allDetailQueries(ns: string, name: string): PromQuery[] {
  return [
    ...Object.values(overviewPanels(ns, name)).flatMap((p) => p.queries),
    ...sloNowQueries(ns, name, '30d'),
    ...budgetOverTimeQueries(ns, name, '30d', '30d'),
    ...budgetOverTimeQueries(ns, name, '7d', '30d'),
    ...BURN_RATE_WINDOWS.flatMap((w) => burnPairQueries(ns, name, w)),
  ];
}

describe.each(NAMES)('detail queries for a %s name', (_case, ns, name) => {
  const queries = allDetailQueries(ns, name);

  it('parse as PromQL', () => {
    for (const q of queries) {
      assertPromql(q.expr);
    }
  });

  it('match the function by its escaped literal name and namespace', () => {
    const escaped = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    const matching = queries.filter((q) => q.expr.includes(`function="${escaped(name)}"`));
    expect(matching.length).toBeGreaterThan(queries.length / 2);
    for (const q of matching) {
      expect(q.expr).toContain(`namespace="${escaped(ns)}"`);
    }
  });
});

describe('detail query shapes', () => {
  it('escapes regex metacharacters of the name in the pod matcher', () => {
    const memory = overviewPanels('demo', 'a.b').memory.queries[0].expr;
    expect(memory).toContain('pod=~"a\\\\.b-[0-9]{5}-deployment-.+"');
  });

  it('reads every burn-rate pair from the recorded series the alerts evaluate', () => {
    const now = sloNowQueries('demo', 'hello', '30d')[0].expr;
    for (const w of BURN_RATE_WINDOWS) {
      expect(now).toContain(RECORDED.errorRate(w.short));
      expect(now).toContain(RECORDED.errorRate(w.long));
    }
    const pair = burnPairQueries('demo', 'hello', BURN_RATE_WINDOWS[0]);
    expect(pair[2].expr).toBe(
      `${BURN_RATE_WINDOWS[0].factor} * (1 - max(${RECORDED.sloObjective}{namespace="demo", function="hello"}))`
    );
  });

  it('uses the recording rule for the budget over the rules period, raw counters for another window', () => {
    expect(budgetOverTimeQueries('d', 'h', '30d', '30d')[0].expr).toContain(RECORDED.errorBudgetRemaining('30d'));
    expect(budgetOverTimeQueries('d', 'h', '7d', '30d')[0].expr).toContain('[7d]');
  });

  it('operator and alert queries parse and select the generated operator alerts', () => {
    for (const q of [...Object.values(operatorPanels()).flatMap((p) => p.queries), ...alertStateQueries()]) {
      assertPromql(q.expr);
    }
    expect(operatorAlertNames()).toContain('KnativeLambdaOperatorDown');
    expect(alertStateQueries()).toHaveLength(1);
  });
});
