// The provisioned app settings and datasources agree with what reads them: the backend's settings parser, the
// pages' settings, the rules' datasource uid, the contract's exemplar label and the monitors' scrape interval.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import type { AppJsonData } from '../../backend/api/types';
import type { AppInstanceSettings } from '../../backend/protocol/wire-types';
import { kubeAccessSettings } from '../../backend/settings/app-settings';
import { modesFor, serverPolicyFromEnv, MAIN_ORG_ID } from '../../backend/settings/server-policy';
import { ALL_METRICS } from '../../contract/metrics';
import { RULES_CONFIG } from '../../rules/config';
import { OUTPUT_PATHS, REPO_ROOT } from '../../rules/outputs';
import { resolvePageSettings } from '../../src/app/pageSettings';

const read = (path: string) => parse(readFileSync(join(REPO_ROOT, path), 'utf8'));
const plugin = JSON.parse(readFileSync(join(REPO_ROOT, 'plugin.json'), 'utf8'));
const app = read('provisioning/plugins/app.yaml').apps[0];
const jsonData: AppJsonData = app.jsonData;
const prometheus = read('provisioning/datasources/default.yaml').datasources[0];
const tempo = read('provisioning/optional/tempo-datasource.yaml').datasources[0];

/** Every key AppJsonData and KubernetesSettings declare (backend/api/types.ts). */
const APP_KEYS = ['prometheusDatasourceUid', 'tempoDatasourceUid', 'slo', 'kubernetes'];
const KUBERNETES_KEYS = ['mode', 'kubeconfigPath', 'kubeconfigContext', 'apiUrl', 'caCert', 'namespaces'];

describe('provisioning/plugins/app.yaml', () => {
  it('enables this plugin id', () => {
    expect(app.type).toBe(plugin.id);
    expect(app.disabled).toBe(false);
  });

  it('sets only fields the app reads', () => {
    expect(Object.keys(jsonData).filter((k) => !APP_KEYS.includes(k))).toEqual([]);
    expect(Object.keys(jsonData.kubernetes ?? {}).filter((k) => !KUBERNETES_KEYS.includes(k))).toEqual([]);
  });

  it("is accepted by the backend's settings parser, in a mode the default server policy allows", () => {
    const settings = { jsonData: Buffer.from(JSON.stringify(jsonData)) } as AppInstanceSettings;
    const access = kubeAccessSettings(settings);
    expect(access.mode).toBe(jsonData.kubernetes?.mode);
    expect(modesFor(serverPolicyFromEnv({}), MAIN_ORG_ID)).toContain(access.mode);
  });

  it("gives the pages the rules' SLO defaults and the provisioned Prometheus", () => {
    const pages = resolvePageSettings(jsonData);
    expect(pages.objective).toBe(RULES_CONFIG.slo.objective);
    expect(pages.window).toBe(RULES_CONFIG.slo.period);
    expect(pages.prometheusUid).toBe(prometheus.uid);
  });
});

describe('provisioning/datasources', () => {
  it('provisions Prometheus under the uid the rules and the generated alerts use', () => {
    expect(prometheus).toMatchObject({ type: 'prometheus', uid: RULES_CONFIG.grafana.datasourceUid });
    const alerting = read(OUTPUT_PATHS.grafanaAlerts);
    const uids = new Set(
      alerting.groups.flatMap((g: { rules: Array<{ data: Array<{ datasourceUid: string }> }> }) =>
        g.rules.flatMap((r) => r.data.map((d) => d.datasourceUid))
      )
    );
    expect([...uids].sort()).toEqual(['__expr__', prometheus.uid]);
  });

  it("sets timeInterval to the operator's ServiceMonitor and PodMonitor interval", () => {
    for (const file of ['servicemonitor.yaml', 'podmonitor.yaml']) {
      const monitor = read(`pkg-operator/k8s/base/${file}`);
      const endpoints = monitor.spec.endpoints ?? monitor.spec.podMetricsEndpoints;
      expect(endpoints.map((e: { interval: string }) => e.interval)).toEqual(
        endpoints.map(() => prometheus.jsonData.timeInterval)
      );
    }
  });

  it("links exemplars by the contract's exemplar label to the Tempo uid given in the environment", () => {
    const labels = new Set(ALL_METRICS.flatMap((m) => (m.exemplar ? [m.exemplar] : [])));
    expect(prometheus.jsonData.exemplarTraceIdDestinations).toEqual(
      [...labels].map((name) => ({ name, datasourceUid: '${TEMPO_DATASOURCE_UID}' }))
    );
    expect(tempo).toMatchObject({ type: 'tempo', uid: 'tempo' });
  });
});
