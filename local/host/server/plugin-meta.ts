import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface PluginInclude {
  type: string;
  name: string;
  path?: string;
  role?: string;
  action?: string;
  addToNav?: boolean;
  defaultNav?: boolean;
  icon?: string;
}

export interface PluginJson {
  id: string;
  type: string;
  name: string;
  info: { logos?: { small?: string; large?: string }; version?: string; [key: string]: unknown };
  includes?: PluginInclude[];
  dependencies?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The built plugin.json from dist/, as Grafana reads it at plugin load. */
export function readPluginJson(distDir: string): PluginJson {
  const file = path.join(distDir, 'plugin.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as PluginJson;
  if (json.type !== 'app' || typeof json.id !== 'string') {
    throw new Error(`${file} is not an app plugin's plugin.json`);
  }
  return json;
}

export function pluginBaseUrl(pluginId: string): string {
  return `public/plugins/${pluginId}`;
}

/** plugin.json as Grafana serves it: logo paths made absolute under the plugin's public folder. */
export function servedPluginJson(plugin: PluginJson): PluginJson {
  const base = pluginBaseUrl(plugin.id);
  const logos = plugin.info.logos ?? {};
  return {
    ...plugin,
    info: {
      ...plugin.info,
      logos: {
        small: logos.small ? `${base}/${logos.small}` : '',
        large: logos.large ? `${base}/${logos.large}` : '',
      },
    },
  };
}

/** The include Grafana opens for the app's nav node (`defaultNav`), else the first page. */
export function defaultNavUrl(plugin: PluginJson): string {
  const pages = (plugin.includes ?? []).filter((include) => include.type === 'page' && include.path);
  const chosen = pages.find((include) => include.defaultNav) ?? pages[0];
  return chosen?.path ?? `/a/${plugin.id}`;
}
