// Setters Grafana core imports from the packages' sources; they are not on the public entry points, so the host
// reaches the built files through the `@grafana-internal/<package>/<file>` alias (see esbuild-plugins.ts).
declare module '@grafana-internal/runtime/components/PluginPage' {
  export function setPluginPage(
    component: import('react').ComponentType<import('@grafana/runtime').PluginPageProps>
  ): void;
}
declare module '@grafana-internal/runtime/services/dataSource/settings' {
  export function initDataSourceInstanceSettings(
    settings: Record<string, import('@grafana/data').DataSourceInstanceSettings>,
    defaultDsName: string
  ): void;
}
declare module '@grafana-internal/runtime/services/dataSource/dataSource' {
  export function setDataSourcePluginImporter(
    fn: (meta: import('@grafana/data').DataSourcePluginMeta) => Promise<import('@grafana/data').DataSourcePlugin<never>>
  ): void;
}
declare module '@grafana-internal/i18n/i18n' {
  export function initializeI18n(opts: { language: string; ns?: string[] }): Promise<{ language: string }>;
  export function getI18nInstance(): unknown;
}
declare module 'react-router-dom-v5' {
  export const Router: import('react').ComponentType<{ history: unknown; children?: import('react').ReactNode }>;
}
declare module 'systemjs/dist/system.js';
declare module 'systemjs/dist/extras/amd.js';
declare module 'systemjs/dist/extras/named-register.js';
