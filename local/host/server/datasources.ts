import { PROMETHEUS_UID, TEMPO_UID } from './ds-query';

/** The data sources the host provisions, as Grafana's DataSourceInstanceSettings in bootData. */

export interface HostDataSource {
  id: number;
  uid: string;
  type: string;
  name: string;
  url: string;
  access: 'proxy';
  isDefault: boolean;
  readOnly: boolean;
  jsonData: Record<string, unknown>;
  meta: Record<string, unknown>;
}

function coreMeta(id: string, name: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    type: 'datasource',
    name,
    module: `core:plugin/${id}`,
    baseUrl: `public/app/plugins/datasource/${id}`,
    info: { author: { name: 'Grafana Labs' }, logos: { small: '', large: '' }, version: '', updated: '' },
    backend: true,
    builtIn: false,
    ...extra,
  };
}

export interface DataSourceOptions {
  tempoUrl?: string;
  prometheusJsonData?: Record<string, unknown>;
}

/** Prometheus (uid `prometheus`, default) always; Tempo only when the user gave a Tempo URL. */
export function hostDataSources(opts: DataSourceOptions): HostDataSource[] {
  const list: HostDataSource[] = [
    {
      id: 1,
      uid: PROMETHEUS_UID,
      type: 'prometheus',
      name: 'Prometheus',
      url: `/api/datasources/proxy/uid/${PROMETHEUS_UID}`,
      access: 'proxy',
      isDefault: true,
      readOnly: true,
      jsonData: { httpMethod: 'POST', prometheusType: 'Prometheus', ...opts.prometheusJsonData },
      meta: coreMeta('prometheus', 'Prometheus', {
        metrics: true,
        alerting: true,
        annotations: true,
        category: 'tsdb',
      }),
    },
  ];
  if (opts.tempoUrl) {
    list.push({
      id: 2,
      uid: TEMPO_UID,
      type: 'tempo',
      name: 'Tempo',
      url: `/api/datasources/proxy/uid/${TEMPO_UID}`,
      access: 'proxy',
      isDefault: false,
      readOnly: true,
      jsonData: {},
      meta: coreMeta('tempo', 'Tempo', { tracing: true, category: 'tracing' }),
    });
  }
  return list;
}

/** `GET /api/datasources/uid/:uid` in Grafana's DataSource DTO shape. */
export function dataSourceDto(ds: HostDataSource): Record<string, unknown> {
  return {
    id: ds.id,
    uid: ds.uid,
    orgId: 1,
    name: ds.name,
    type: ds.type,
    typeLogoUrl: '',
    access: ds.access,
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    withCredentials: false,
    isDefault: ds.isDefault,
    jsonData: ds.jsonData,
    secureJsonFields: {},
    version: 1,
    readOnly: ds.readOnly,
  };
}
