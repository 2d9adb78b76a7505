import {
  DataSourcePlugin,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourceRef,
  type ScopedVars,
} from '@grafana/data';
import { config, getTemplateSrv, type DataSourceSrv, type GetDataSourceListFilters } from '@grafana/runtime';
import { getDataSourceInstance, registerRuntimeDataSourceInstance } from '@grafana/runtime/unstable';
import { setDataSourcePluginImporter } from '@grafana-internal/runtime/services/dataSource/dataSource';
import { initDataSourceInstanceSettings } from '@grafana-internal/runtime/services/dataSource/settings';

function allSettings(): DataSourceInstanceSettings[] {
  return Object.values(config.datasources);
}

function nameOrUid(ref: DataSourceRef | string | null | undefined, scopedVars?: ScopedVars): string | undefined {
  const raw = typeof ref === 'string' ? ref : ref?.uid;
  if (raw === undefined || raw === null || raw === 'default') {
    return undefined;
  }
  return raw.includes('$') ? getTemplateSrv().replace(raw, scopedVars) : raw;
}

/**
 * Grafana's DatasourceSrv over `config.datasources`. Instances come from the runtime's own
 * `getDataSourceInstance`, so there is one instance cache for the legacy and the Grafana 13 API.
 */
export class HostDataSourceSrv implements DataSourceSrv {
  getInstanceSettings(
    ref?: DataSourceRef | string | null,
    scopedVars?: ScopedVars
  ): DataSourceInstanceSettings | undefined {
    const key = nameOrUid(ref, scopedVars);
    const list = allSettings();
    if (key === undefined) {
      const byType = typeof ref === 'object' && ref?.type ? list.find((ds) => ds.type === ref.type) : undefined;
      return byType ?? list.find((ds) => ds.isDefault);
    }
    return list.find((ds) => ds.uid === key) ?? list.find((ds) => ds.name === key);
  }

  async get(ref?: DataSourceRef | string | null, scopedVars?: ScopedVars): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref, scopedVars);
    if (!settings) {
      throw new Error(`Datasource ${typeof ref === 'string' ? ref : (ref?.uid ?? 'default')} was not found`);
    }
    return getDataSourceInstance({ uid: settings.uid, type: settings.type });
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    return allSettings().filter((ds) => {
      const types = Array.isArray(filters.type) ? filters.type : filters.type ? [filters.type] : undefined;
      return (
        (!types || types.includes(ds.type)) &&
        (!filters.pluginId || ds.meta.id === filters.pluginId) &&
        (!filters.metrics || ds.meta.metrics) &&
        (!filters.tracing || ds.meta.tracing) &&
        (!filters.logs || ds.meta.logs) &&
        (!filters.annotations || ds.meta.annotations)
      );
    });
  }

  async reload(): Promise<void> {}

  registerRuntimeDataSource(entry: Parameters<DataSourceSrv['registerRuntimeDataSource']>[0]): void {
    registerRuntimeDataSourceInstance(entry as never);
  }
}

/** The data-source classes behind the host's data sources: the real Prometheus frontend, a backend stub for Tempo. */
async function importDataSourcePlugin(meta: { id: string }): Promise<DataSourcePlugin<never>> {
  if (meta.id === 'prometheus') {
    const { PrometheusDatasource } = await import('@grafana/prometheus');
    return new DataSourcePlugin(PrometheusDatasource as never);
  }
  if (meta.id === 'tempo') {
    const { TempoLikeDataSource } = await import('./tempo-datasource');
    return new DataSourcePlugin(TempoLikeDataSource as never);
  }
  throw new Error(`The host has no data source plugin "${meta.id}"`);
}

/** Grafana 13's data-source layer (`@grafana/runtime/unstable`): instance settings and the plugin importer. */
export function initDataSourceLayer(): void {
  initDataSourceInstanceSettings(config.datasources, config.defaultDatasource);
  setDataSourcePluginImporter(importDataSourcePlugin as never);
}
