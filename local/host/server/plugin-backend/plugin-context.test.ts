import { appPluginContext, defaultGrafanaConfig, NEVER_SAVED_MS } from './plugin-context';
import type { CallContext } from './types';

const ctx = (orgId: number, updatedMs: number): CallContext => ({
  user: { login: 'ann', name: 'Ann', email: 'ann@example.com', role: 'Editor', orgId },
  settings: {
    enabled: true,
    pinned: false,
    jsonData: { kubernetes: { mode: 'apiUrl' } },
    secureJsonData: { bearerToken: 't0ken' },
    updatedMs,
  },
});
const opts = { pluginVersion: '0.1.0', grafanaConfig: defaultGrafanaConfig('http://127.0.0.1:3000/') };

describe('appPluginContext (Grafana 13 plugincontext)', () => {
  it('carries org, user, saved settings as JSON bytes, secrets and the update time', () => {
    const pc = appPluginContext(ctx(1, 1_700_000_000_123), opts);
    expect(pc).toMatchObject({
      orgId: '1',
      pluginId: 'knative-lambda-app',
      user: { login: 'ann', name: 'Ann', email: 'ann@example.com', role: 'Editor' },
      appInstanceSettings: {
        decryptedSecureJsonData: { bearerToken: 't0ken' },
        lastUpdatedMS: '1700000000123',
      },
      pluginVersion: '0.1.0',
      userAgent: 'Grafana/13.1.1 (linux; amd64)',
      namespace: 'default',
    });
    expect(JSON.parse(pc.appInstanceSettings!.jsonData.toString())).toEqual({ kubernetes: { mode: 'apiUrl' } });
    expect(pc.grafanaConfig.GF_APP_URL).toBe('http://127.0.0.1:3000/');
  });

  it.each<[number, number, string, string, string]>([
    [1, 5, 'default', '5', '{"kubernetes":{"mode":"apiUrl"}}'],
    [3, 5, 'org-3', '5', '{"kubernetes":{"mode":"apiUrl"}}'],
    [1, 0, 'default', NEVER_SAVED_MS, ''],
  ])('org %d updated %d → namespace %s, lastUpdatedMS %s, jsonData %j', (orgId, updated, ns, last, jsonData) => {
    const pc = appPluginContext(ctx(orgId, updated), opts);
    expect([pc.namespace, pc.appInstanceSettings!.lastUpdatedMS, pc.appInstanceSettings!.jsonData.toString()]).toEqual([
      ns,
      last,
      jsonData,
    ]);
  });
});
