import { PanelPlugin, type PanelProps, type PanelPluginMeta } from '@grafana/data';
import type { ComponentType } from 'react';

/** A core panel's meta as Grafana's `config.panels` carries it (module `core:plugin/<id>`). */
export function corePanelMeta(id: string, name: string): PanelPluginMeta {
  return {
    id,
    name,
    type: 'panel' as never,
    sort: 0,
    module: `core:plugin/${id}`,
    baseUrl: `public/app/plugins/panel/${id}`,
    info: {
      author: { name: 'Grafana Labs' },
      description: `${name} (approximated by the Grafana-shaped host)`,
      links: [],
      logos: { small: '', large: '' },
      screenshots: [],
      updated: '',
      version: '',
    },
  } as PanelPluginMeta;
}

/** Custom field options a core panel registers, with their defaults (so `field.config.custom` is filled as in Grafana). */
export function corePanel<T extends object>(
  id: string,
  name: string,
  component: ComponentType<PanelProps<T>>,
  customDefaults: Record<string, unknown> = {}
): PanelPlugin<T> {
  const plugin = new PanelPlugin<T>(component).useFieldConfig({
    useCustomConfig: (builder) => {
      for (const [path, defaultValue] of Object.entries(customDefaults)) {
        builder.addCustomEditor({
          id: path,
          path,
          name: path,
          editor: () => null,
          override: () => null,
          process: (value: unknown) => value,
          shouldApply: () => true,
          defaultValue,
        });
      }
    },
  });
  plugin.meta = corePanelMeta(id, name);
  return plugin;
}
