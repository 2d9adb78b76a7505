import type { AppPlugin, AppPluginMeta } from '@grafana/data';
import { useEffect, useState } from 'react';

import { getAppPlugin, loadPluginMeta } from '../loader/import-app-plugin';

export interface AppPluginState {
  meta?: AppPluginMeta;
  plugin?: AppPlugin;
  error?: string;
}

function describe(error: unknown): string {
  const fetchError = error as { status?: number; data?: { message?: string } };
  if (fetchError?.data?.message) {
    return fetchError.data.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The app's settings, then (when it is an enabled app) its module — what AppRootPage and the config page wait for. */
export function useAppPlugin(pluginId: string, requireEnabled: boolean): AppPluginState {
  const [state, setState] = useState<AppPluginState & { pluginId?: string }>({});
  useEffect(() => {
    let live = true;
    (async () => {
      const meta = await loadPluginMeta(pluginId);
      if (meta.type !== 'app') {
        throw new Error(`${pluginId} is not an app plugin`);
      }
      if (requireEnabled && !meta.enabled) {
        if (live) {
          setState({ pluginId, meta });
        }
        return;
      }
      const plugin = await getAppPlugin(meta);
      if (live) {
        setState({ pluginId, meta, plugin });
      }
    })().catch((error: unknown) => live && setState({ pluginId, error: describe(error) }));
    return () => {
      live = false;
    };
  }, [pluginId, requireEnabled]);
  return state.pluginId === pluginId ? state : {};
}
