import { functionAlerts } from './alerts/function-alerts';
import { operatorAlerts } from './alerts/operator-alerts';
import { platformAlerts } from './alerts/platform-alerts';
import { sloAlerts } from './alerts/slo-alerts';
import type { RulesConfig } from './config';
import type { AlertRule, RuleGroup } from './model';
import { functionRecordingRules } from './recording';

/** The one definition every rules artefact is generated from. */
export function ruleGroups(config: RulesConfig): RuleGroup[] {
  return [
    { name: 'knative-lambda.functions.rules', recording: functionRecordingRules(config) },
    { name: 'knative-lambda.functions', alerts: functionAlerts(config) },
    { name: 'knative-lambda.slo', alerts: sloAlerts(config) },
    { name: 'knative-lambda.operator', alerts: operatorAlerts(config) },
    { name: 'knative-lambda.platform', alerts: platformAlerts(config) },
  ];
}

export function allAlerts(config: RulesConfig): AlertRule[] {
  return ruleGroups(config).flatMap((g) => g.alerts ?? []);
}

/** One runbook per alert name (burn-rate alerts share a name across windows, and so their runbook). */
export function alertsByName(config: RulesConfig): Map<string, AlertRule[]> {
  const byName = new Map<string, AlertRule[]>();
  for (const alert of allAlerts(config)) {
    byName.set(alert.alert, [...(byName.get(alert.alert) ?? []), alert]);
  }
  return byName;
}

export function runbookUrl(config: RulesConfig, alertName: string): string {
  return `${config.runbookBaseUrl}/${alertName}.md`;
}
