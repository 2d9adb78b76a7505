import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

export enum PageSlugs {
  functions = 'functions',
  operator = 'operator',
  alerts = 'alerts',
}

export enum DetailTabs {
  overview = 'overview',
  slo = 'slo',
  builds = 'builds',
  kubernetes = 'kubernetes',
  traces = 'traces',
}
