import { RULES_CONFIG } from '../../rules/config';
import { allAlerts } from '../../rules/definition';

import { alertRuleRows } from './alertRuleRows';

const alert = (labels: Record<string, string>) => ({ labels, value: 1 });

describe('alertRuleRows', () => {
  const rules = allAlerts(RULES_CONFIG);

  it('lists every generated rule, burn-rate pairs separately', () => {
    const rows = alertRuleRows(rules, []);
    expect(rows).toHaveLength(rules.length);
    expect(rows.filter((r) => r.rule.alert === 'KnativeLambdaFunctionErrorBudgetBurn')).toHaveLength(4);
    expect(rows.every((r) => r.state === 'inactive' && r.affected.length === 0)).toBe(true);
  });

  it('takes state and affected functions from ALERTS, matching a burn pair by its windows', () => {
    const rows = alertRuleRows(rules, [
      alert({
        alertname: 'KnativeLambdaFunctionErrorBudgetBurn',
        severity: 'critical',
        long: '1h',
        short: '5m',
        alertstate: 'firing',
        namespace: 'demo',
        function: 'erroring',
      }),
      alert({
        alertname: 'KnativeLambdaFunctionErrorBudgetBurn',
        severity: 'critical',
        long: '6h',
        short: '30m',
        alertstate: 'pending',
        namespace: 'demo',
        function: 'erroring',
      }),
      alert({
        alertname: 'KnativeLambdaFunctionHighErrorRate',
        severity: 'warning',
        alertstate: 'pending',
        namespace: 'demo',
        function: 'a',
      }),
      alert({
        alertname: 'KnativeLambdaFunctionHighErrorRate',
        severity: 'warning',
        alertstate: 'firing',
        namespace: 'demo',
        function: 'b',
      }),
      alert({ alertname: 'KnativeLambdaOperatorDown', severity: 'critical', alertstate: 'firing' }),
    ]);
    const find = (name: string, long?: string) =>
      rows.find((r) => r.rule.alert === name && r.rule.labels?.long === long)!;
    expect(find('KnativeLambdaFunctionErrorBudgetBurn', '1h')).toMatchObject({
      state: 'firing',
      affected: [{ namespace: 'demo', function: 'erroring', state: 'firing' }],
    });
    expect(find('KnativeLambdaFunctionErrorBudgetBurn', '6h').state).toBe('pending');
    expect(find('KnativeLambdaFunctionErrorBudgetBurn', '1d').state).toBe('inactive');
    expect(find('KnativeLambdaFunctionHighErrorRate')).toMatchObject({ state: 'firing', instances: 2 });
    expect(find('KnativeLambdaOperatorDown')).toMatchObject({ state: 'firing', affected: [], instances: 1 });
  });
});
