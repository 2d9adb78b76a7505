// The pluginContext Grafana 13 sends with every call of an app plugin.
// Sources: grafana/grafana pkg/services/pluginsintegration/plugincontext (org, user {login,name,email,role},
// appInstanceSettings: jsonData as JSON bytes, decrypted secrets, lastUpdatedMS; no settings row → empty
// jsonData and Go's zero time in ms), pluginconfig/request.go (grafanaConfig keys), the namespace of org 1
// is "default", of org N "org-N". Shapes: backend/protocol/backend.proto.
import type * as W from '../../../../backend/protocol/wire-types';

import type { CallContext } from './types';

export const PLUGIN_ID = 'knative-lambda-app';
export const GRAFANA_VERSION = '13.1.1';
export const USER_AGENT = `Grafana/${GRAFANA_VERSION} (linux; amd64)`;
/** Go's zero time.Time as UnixNano()/1e6 (int64 overflow): what Grafana sends for never-saved settings. */
export const NEVER_SAVED_MS = '-6795364578871';

/** Grafana's defaults (defaults.ini) for the keys pluginconfig/request.go always or usually sends. */
export function defaultGrafanaConfig(appUrl: string): Record<string, string> {
  return {
    GF_APP_URL: appUrl,
    GF_CONCURRENT_QUERY_COUNT: '10',
    GF_USER_FACING_DEFAULT_ERROR: 'please inspect Grafana server log for details',
    GF_SQL_ROW_LIMIT: '1000000',
    GF_SQL_MAX_OPEN_CONNS_DEFAULT: '100',
    GF_SQL_MAX_IDLE_CONNS_DEFAULT: '100',
    GF_SQL_MAX_CONN_LIFETIME_SECONDS_DEFAULT: '14400',
  };
}

export interface ContextOptions {
  pluginVersion: string;
  grafanaConfig: Record<string, string>;
}

export function namespaceOf(orgId: number): string {
  return orgId === 1 ? 'default' : `org-${orgId}`;
}

export function appPluginContext({ user, settings }: CallContext, opts: ContextOptions): W.PluginContext {
  const saved = settings.updatedMs > 0;
  return {
    orgId: String(user.orgId),
    pluginId: PLUGIN_ID,
    user: { login: user.login, name: user.name, email: user.email, role: user.role },
    appInstanceSettings: {
      jsonData: saved ? Buffer.from(JSON.stringify(settings.jsonData ?? {})) : Buffer.alloc(0),
      decryptedSecureJsonData: { ...settings.secureJsonData },
      lastUpdatedMS: saved ? String(Math.trunc(settings.updatedMs)) : NEVER_SAVED_MS,
      apiVersion: '',
    },
    grafanaConfig: { ...opts.grafanaConfig },
    pluginVersion: opts.pluginVersion,
    userAgent: USER_AGENT,
    apiVersion: '',
    namespace: namespaceOf(user.orgId),
  };
}

/** CollectMetrics carries only the plugin id (pkg/api/plugin_metrics.go). */
export function metricsPluginContext(opts: ContextOptions): W.PluginContext {
  return {
    orgId: '0',
    pluginId: PLUGIN_ID,
    user: null,
    appInstanceSettings: null,
    grafanaConfig: {},
    pluginVersion: opts.pluginVersion,
    userAgent: '',
    apiVersion: '',
    namespace: '',
  };
}
