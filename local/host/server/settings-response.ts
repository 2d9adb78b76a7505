import type { HostAppSettings } from './host-types';
import { defaultNavUrl, pluginBaseUrl, servedPluginJson, type PluginJson } from './plugin-meta';

/**
 * `GET /api/plugins/:id/settings` in Grafana's shape (its PluginSetting DTO): plugin.json meta plus the saved state.
 * Secrets appear only as `secureJsonFields: {key: true}`, never their values.
 */
export function pluginSettingsResponse(plugin: PluginJson, settings: HostAppSettings): Record<string, unknown> {
  const served = servedPluginJson(plugin);
  const secureJsonFields: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(settings.secureJsonData)) {
    if (value.length > 0) {
      secureJsonFields[key] = true;
    }
  }
  return {
    ...served,
    enabled: settings.enabled,
    pinned: settings.pinned,
    autoEnabled: false,
    module: `${pluginBaseUrl(plugin.id)}/module.js`,
    baseUrl: pluginBaseUrl(plugin.id),
    defaultNavUrl: defaultNavUrl(plugin),
    jsonData: settings.jsonData,
    secureJsonFields,
    latestVersion: '',
    hasUpdate: false,
    state: '',
    signature: 'unsigned',
    signatureType: '',
    signatureOrg: '',
    angularDetected: false,
    loadingStrategy: 'script',
    moduleHash: '',
    translations: {},
  };
}
