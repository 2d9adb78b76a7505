import type { Severity } from './slo';

export interface Runbook {
  meaning: string;
  /** A PromQL query that shows the condition, for the runbook's "confirm" step. */
  confirm: string;
  causes: string[];
  actions: string[];
}

export interface RecordingRule {
  record: string;
  expr: string;
  help: string;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  severity: Severity;
  summary: string;
  description: string;
  runbook: Runbook;
  /** Extra labels (e.g. `long`/`short` windows of a burn-rate alert). */
  labels?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  recording?: RecordingRule[];
  alerts?: AlertRule[];
}
