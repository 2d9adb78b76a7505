// The PluginContext Grafana sends with a call, for in-process tests of the backend's modules.
import type { PluginContext } from '../../../backend/protocol/wire-types';

export interface ContextOptions {
  lastUpdatedMS?: string;
  /** the requesting user's org role; no user when absent */
  role?: string;
}

export function pluginContext(
  orgId: string,
  kubernetes: Record<string, unknown>,
  { lastUpdatedMS = '1', role }: ContextOptions = {}
): PluginContext {
  return {
    orgId,
    pluginId: 'knative-lambda-app',
    ...(role ? { user: { login: 'user', name: 'user', email: '', role } } : {}),
    appInstanceSettings: {
      jsonData: Buffer.from(JSON.stringify({ kubernetes })),
      decryptedSecureJsonData: {},
      lastUpdatedMS,
      apiVersion: '',
    },
    grafanaConfig: {},
    pluginVersion: '',
    userAgent: '',
    apiVersion: '',
    namespace: '',
  };
}
