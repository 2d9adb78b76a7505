import type { RulesConfig } from '../config';

import { prometheusGroups } from './prometheus';

/** The same groups as a kube-prometheus `PrometheusRule`, labelled for the Prometheus ruleSelector. */
export function prometheusRuleResource(config: RulesConfig) {
  const { name, namespace, labels } = config.prometheusRule;
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name,
      namespace,
      labels: { 'app.kubernetes.io/name': 'knative-lambda', 'app.kubernetes.io/component': 'alert-rules', ...labels },
    },
    spec: { groups: prometheusGroups(config) },
  };
}
