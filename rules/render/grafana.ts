import { createHash } from 'node:crypto';

import type { RulesConfig } from '../config';
import { ruleGroups, runbookUrl } from '../definition';
import type { AlertRule, RuleGroup } from '../model';

import { inlineRecorded } from './inline';

/** Grafana exposes a query's value to templates as $values.<refId>.Value, not $value. */
function grafanaTemplate(text: string): string {
  return text.replace(/\$value\b/g, '$values.A.Value');
}

function stableUid(group: string, rule: AlertRule): string {
  const key = `${group}/${rule.alert}/${JSON.stringify(rule.labels ?? {})}`;
  return `knative-lambda-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
}

function grafanaRule(config: RulesConfig, group: RuleGroup, rule: AlertRule, recording: RuleGroup['recording']) {
  const { datasourceUid } = config.grafana;
  return {
    uid: stableUid(group.name, rule),
    title: rule.alert,
    condition: 'C',
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid,
        model: {
          refId: 'A',
          datasource: { type: 'prometheus', uid: datasourceUid },
          expr: inlineRecorded(rule.expr, recording ?? []),
          instant: true,
          range: false,
        },
      },
      {
        refId: 'C',
        datasourceUid: '__expr__',
        model: {
          refId: 'C',
          datasource: { type: '__expr__', uid: '__expr__' },
          type: 'math',
          // Every series the PromQL returns is a firing instance, whatever its value (0, NaN and +Inf included).
          expression: 'is_number($A) || is_nan($A) || is_inf($A)',
        },
      },
    ],
    noDataState: 'OK',
    execErrState: 'Error',
    for: rule.for,
    annotations: {
      summary: rule.summary,
      description: grafanaTemplate(rule.description),
      runbook_url: runbookUrl(config, rule.alert),
    },
    labels: { severity: rule.severity, ...config.commonLabels, ...rule.labels },
    isPaused: false,
  };
}

/**
 * Grafana-managed alert rules (file provisioning format). Recording rules are inlined, so these alerts work
 * against a Prometheus that has only the raw metrics. Load either these or the Prometheus rules, not both,
 * or every alert notifies twice.
 */
export function grafanaAlertProvisioning(config: RulesConfig) {
  const groups = ruleGroups(config);
  const recording = groups.flatMap((g) => g.recording ?? []);
  return {
    apiVersion: 1,
    groups: groups
      .filter((g) => g.alerts?.length)
      .map((g) => ({
        orgId: config.grafana.orgId,
        name: g.name,
        folder: config.grafana.folder,
        interval: config.grafana.interval,
        rules: (g.alerts ?? []).map((rule) => grafanaRule(config, g, rule, recording)),
      })),
  };
}
