import { userIdentity } from './current-user';
import type { HostDataSource } from './datasources';
import type { HostRole, HostUser } from './host-types';
import { defaultNavUrl, pluginBaseUrl, servedPluginJson, type PluginInclude, type PluginJson } from './plugin-meta';

/** The Grafana version the host poses as: scenes and plugin-e2e both read it from bootData. */
export const GRAFANA_VERSION = '13.1.1';

export type HostTheme = 'dark' | 'light';

const ROLE_RANK: Record<HostRole, number> = { Viewer: 0, Editor: 1, Admin: 2 };

/** A few RBAC actions per basic role, enough for `contextSrv`-style checks through `config.bootData.user.permissions`. */
const ROLE_PERMISSIONS: Record<HostRole, string[]> = {
  Viewer: ['datasources:query', 'plugins.app:access'],
  Editor: ['datasources:query', 'datasources:explore', 'plugins.app:access'],
  Admin: [
    'datasources:query',
    'datasources:explore',
    'datasources:read',
    'datasources:write',
    'plugins.app:access',
    'plugins:write',
  ],
};

/** The core panels the host approximates (web/src/panels/), as `config.panels` lists Grafana's. */
const CORE_PANELS: Record<string, string> = {
  timeseries: 'Time series',
  stat: 'Stat',
  table: 'Table',
  gauge: 'Gauge',
  bargauge: 'Bar gauge',
  heatmap: 'Heatmap',
  text: 'Text',
};

function corePanels(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(CORE_PANELS).map(([id, name]) => [
      id,
      {
        id,
        name,
        type: 'panel',
        module: `core:plugin/${id}`,
        baseUrl: `public/app/plugins/panel/${id}`,
        skipDataQuery: id === 'text',
        hideFromList: false,
        sort: 0,
        info: { author: { name: 'Grafana Labs' }, logos: { small: '', large: '' }, version: '', updated: '' },
      },
    ])
  );
}

export function roleAllows(role: HostRole, required: string | undefined): boolean {
  const needed = required as HostRole | undefined;
  return needed === undefined || !(needed in ROLE_RANK) || ROLE_RANK[role] >= ROLE_RANK[needed];
}

function appNavNode(plugin: PluginJson, role: HostRole): Record<string, unknown> {
  const pages = (plugin.includes ?? []).filter(
    (include: PluginInclude) => include.addToNav && include.path && roleAllows(role, include.role)
  );
  return {
    id: `plugin-page-${plugin.id}`,
    text: plugin.name,
    url: defaultNavUrl(plugin),
    img: servedPluginJson(plugin).info.logos?.small,
    pluginId: plugin.id,
    section: 'plugin',
    children: pages.map((include) => ({
      id: `standalone-plugin-page-${include.path}`,
      text: include.name,
      url: include.path,
      pluginId: plugin.id,
    })),
  };
}

export interface BootDataInput {
  plugin: PluginJson;
  user: HostUser;
  theme: HostTheme;
  datasources: HostDataSource[];
  appUrl: string;
}

/** The settings half of bootData; also served as `GET /api/frontend/settings`. */
export function frontendSettings(input: Omit<BootDataInput, 'user' | 'theme'>): Record<string, unknown> {
  const { plugin, datasources } = input;
  return {
    appUrl: input.appUrl,
    appSubUrl: '',
    buildInfo: {
      version: GRAFANA_VERSION,
      versionString: `Grafana v${GRAFANA_VERSION}`,
      commit: 'grafana-shaped-host',
      env: 'production',
      edition: 'Open Source',
      latestVersion: '',
      hasUpdate: false,
      hideVersion: false,
    },
    datasources: Object.fromEntries(datasources.map((ds) => [ds.name, ds])),
    defaultDatasource: datasources.find((ds) => ds.isDefault)?.name ?? '',
    apps: {
      [plugin.id]: {
        id: plugin.id,
        path: `${pluginBaseUrl(plugin.id)}/module.js`,
        version: plugin.info.version ?? '',
        preload: false,
        angular: { detected: false, hideDeprecation: false },
        loadingStrategy: 'script',
        extensions: {
          addedLinks: [],
          addedComponents: [],
          addedFunctions: [],
          exposedComponents: [],
          extensionPoints: [],
        },
        dependencies: plugin.dependencies ?? {},
        moduleHash: '',
      },
    },
    panels: corePanels(),
    featureToggles: {},
    namespace: 'default',
    anonymousEnabled: false,
    disableLoginForm: false,
    unifiedAlertingEnabled: true,
    defaultLocale: 'en-US',
    rendererAvailable: false,
  };
}

/** `window.grafanaBootData` as Grafana inlines it into index.html: settings, the signed-in user, the nav tree. */
export function bootData(input: BootDataInput): Record<string, unknown> {
  const { user, theme } = input;
  return {
    settings: frontendSettings(input),
    user: {
      ...userIdentity(user),
      orgName: 'Main Org.',
      orgRole: user.role,
      isSignedIn: true,
      theme,
      lightTheme: theme === 'light',
      timezone: 'browser',
      weekStart: '',
      locale: 'en-US',
      language: 'en-US',
      regionalFormat: 'en-US',
      helpFlags1: 0,
      hasEditPermissionInFolders: user.role !== 'Viewer',
      gravatarUrl: '',
      analytics: { identifier: user.login },
      permissions: Object.fromEntries(ROLE_PERMISSIONS[user.role].map((action) => [action, true])),
    },
    navTree: [
      { id: 'home', text: 'Home', url: '/', icon: 'home-alt' },
      { id: 'apps', text: 'Apps', url: '/apps', icon: 'layer-group', children: [appNavNode(input.plugin, user.role)] },
    ],
  };
}

function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** index.html: bootData inline, then the host bundle as a module script (deferred, so SystemJS never auto-imports it). */
export function shellHtml(data: Record<string, unknown>, theme: HostTheme): string {
  return `<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>Grafana</title>
<base href="/">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/public/build/host.css">
<script>window.__grafana_public_path__ = '/public/'; window.grafanaBootData = ${inlineJson(data)};</script>
<script type="module" src="/public/build/host.js"></script>
</head>
<body class="theme-${theme}">
<div id="reactRoot"></div>
</body>
</html>
`;
}
