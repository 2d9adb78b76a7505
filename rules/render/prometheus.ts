import type { RulesConfig } from '../config';
import { ruleGroups, runbookUrl } from '../definition';
import type { AlertRule, RecordingRule } from '../model';

export interface PromRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PromGroup {
  name: string;
  rules: PromRule[];
}

function recordingRule(rule: RecordingRule): PromRule {
  return { record: rule.record, expr: rule.expr };
}

function alertingRule(config: RulesConfig, rule: AlertRule): PromRule {
  return {
    alert: rule.alert,
    expr: rule.expr,
    for: rule.for,
    labels: { severity: rule.severity, ...config.commonLabels, ...rule.labels },
    annotations: {
      summary: rule.summary,
      description: rule.description,
      runbook_url: runbookUrl(config, rule.alert),
    },
  };
}

/** The rule groups in Prometheus's rule-file shape (shared by the rules file and the PrometheusRule). */
export function prometheusGroups(config: RulesConfig): PromGroup[] {
  return ruleGroups(config).map((group) => ({
    name: group.name,
    rules: [...(group.recording ?? []).map(recordingRule), ...(group.alerts ?? []).map((a) => alertingRule(config, a))],
  }));
}
