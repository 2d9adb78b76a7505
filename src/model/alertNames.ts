import { RULES_CONFIG } from '../../rules/config';
import { allAlerts } from '../../rules/definition';

function named(name: string): string {
  if (!allAlerts(RULES_CONFIG).some((a) => a.alert === name)) {
    throw new Error(`the rules module has no alert ${name}`);
  }
  return name;
}

/** The generated alerts the pages reason about, checked against the rules module at load. */
export const ALERT_NAMES = {
  highErrorRate: named('KnativeLambdaFunctionHighErrorRate'),
  budgetBurn: named('KnativeLambdaFunctionErrorBudgetBurn'),
  metricsMissing: named('KnativeLambdaFunctionMetricsMissing'),
  functionFailed: named('KnativeLambdaFunctionFailed'),
  highLatency: named('KnativeLambdaFunctionHighLatency'),
  highColdStartRate: named('KnativeLambdaHighColdStartRate'),
};

/** Prometheus's own series of alert states (not a product metric). */
export const ALERTS_SERIES = 'ALERTS';
export const PRODUCT_ALERT_REGEX = 'KnativeLambda.+';
