import { SceneObjectBase, type SceneObjectState } from '@grafana/scenes';
import { Text } from '@grafana/ui';
import React from 'react';

/** How the generated rules get into Prometheus or Grafana. */
export class InstallNotes extends SceneObjectBase<SceneObjectState> {
  static Component = () => (
    <div style={{ marginTop: 16 }}>
      <Text element="h4">How the rules are installed</Text>
      <p>
        The rules are generated from <code>rules/</code> (<code>npm run generate</code>) into three artefacts; install
        one:
      </p>
      <ul>
        <li>
          Prometheus rules file <code>provisioning/prometheus/knative-lambda.rules.yaml</code> (<code>rule_files</code>
          );
        </li>
        <li>
          <code>PrometheusRule</code> for kube-prometheus-stack:{' '}
          <code>pkg-operator/k8s/overlays/studio/alertrules.yaml</code>;
        </li>
        <li>
          Grafana-managed alert rules: <code>provisioning/alerting/knative-lambda.yaml</code> (Grafana provisioning).
        </li>
      </ul>
      <Text color="secondary">State now comes from Prometheus&apos;s ALERTS series, one query for every rule.</Text>
    </div>
  );
}
