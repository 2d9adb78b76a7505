import { RULES_CONFIG } from '../config';
import { BURN_RATE_WINDOWS, minFailuresInWindow } from '../slo';

import { atLeastFailuresInWindow } from './failure-floor';
import { functionAlerts } from './function-alerts';

describe('failure floor', () => {
  it('counts failed invocations as recorded ratio x recorded rate x window seconds', () => {
    expect(atLeastFailuresInWindow('5m', 5)).toBe(
      'knative_lambda:function_error_rate:5m * knative_lambda:function_invocation_rate:5m * 300 >= 5'
    );
  });

  it("KnativeLambdaFunctionHighErrorRate's floor is config's minFailures, in its expression and its runbook", () => {
    const { minFailures, window } = RULES_CONFIG.functionErrorRatio;
    const rule = functionAlerts(RULES_CONFIG).find((r) => r.alert === 'KnativeLambdaFunctionHighErrorRate')!;
    expect(rule.expr).toContain(atLeastFailuresInWindow(window, minFailures));
    expect(rule.runbook.meaning).toContain(`at least ${minFailures} failed invocations`);
  });

  it('is no lower than the floor of the fastest page (the runbook says the warning never needs less harm)', () => {
    const pageFloor = minFailuresInWindow(BURN_RATE_WINDOWS[0].long, RULES_CONFIG.slo.minFailuresIn1h);
    expect(RULES_CONFIG.functionErrorRatio.minFailures).toBeGreaterThanOrEqual(pageFloor);
  });

  it('stays above 2 failures read at twice their number (the extrapolation the runbook accounts for)', () => {
    expect(RULES_CONFIG.functionErrorRatio.minFailures).toBeGreaterThan(2 * 2);
  });
});
