import { join } from 'node:path';

import type { RulesConfig } from './config';
import { alertsByName } from './definition';
import { grafanaAlertProvisioning } from './render/grafana';
import { prometheusGroups } from './render/prometheus';
import { prometheusRuleResource } from './render/prometheus-rule';
import { renderRunbook } from './render/runbook';
import { generatedYaml } from './render/yaml';

export const REPO_ROOT = join(__dirname, '..');

export const OUTPUT_PATHS = {
  rulesFile: 'provisioning/prometheus/knative-lambda.rules.yaml',
  prometheusRule: 'pkg-operator/k8s/overlays/studio/alertrules.yaml',
  grafanaAlerts: 'provisioning/alerting/knative-lambda.yaml',
  runbooks: 'docs/runbooks',
} as const;

/** Every generated file, by path relative to the repository root. */
export function renderOutputs(config: RulesConfig): Map<string, string> {
  const files = new Map<string, string>();
  files.set(OUTPUT_PATHS.rulesFile, generatedYaml({ groups: prometheusGroups(config) }));
  files.set(OUTPUT_PATHS.prometheusRule, generatedYaml(prometheusRuleResource(config)));
  files.set(OUTPUT_PATHS.grafanaAlerts, generatedYaml(grafanaAlertProvisioning(config)));
  for (const [name, rules] of alertsByName(config)) {
    files.set(`${OUTPUT_PATHS.runbooks}/${name}.md`, renderRunbook(config, name, rules));
  }
  return files;
}
