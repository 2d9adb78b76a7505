import { AppPlugin, type AppPluginMeta } from '@grafana/data';
import { config, getBackendSrv } from '@grafana/runtime';

import { initSystemJS, systemJS } from './systemjs';

const cache = new Map<string, Promise<AppPlugin>>();
let systemReady = false;

/** GET /api/plugins/:id/settings: plugin.json plus the saved state (Grafana's `getPluginSettings`). */
export function loadPluginMeta(pluginId: string): Promise<AppPluginMeta> {
  return getBackendSrv().get<AppPluginMeta>(
    `/api/plugins/${encodeURIComponent(pluginId)}/settings`,
    undefined,
    undefined,
    {
      showErrorAlert: false,
    }
  );
}

async function importAppPlugin(meta: AppPluginMeta): Promise<AppPlugin> {
  if (!systemReady) {
    initSystemJS(meta.info.version);
    systemReady = true;
  }
  const exports = await systemJS().import(`${config.appSubUrl}/${meta.module}`);
  const plugin = (exports.plugin as AppPlugin | undefined) ?? new AppPlugin();
  plugin.init(meta);
  plugin.meta = meta;
  plugin.setComponentsFromLegacyExports(exports);
  return plugin;
}

/** Grafana's app import path (pluginImporter → importPluginModule): the settings, then module.js through SystemJS. */
export function getAppPlugin(meta: AppPluginMeta): Promise<AppPlugin> {
  if (!cache.has(meta.id)) {
    cache.set(meta.id, importAppPlugin(meta));
  }
  return cache.get(meta.id)!;
}
