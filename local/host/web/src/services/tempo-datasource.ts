import type { DataQuery, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

interface TempoLikeQuery extends DataQuery {
  query?: string;
  queryType?: string;
}

/**
 * Stands in for Grafana's Tempo datasource frontend (not on npm): queries go over `/api/ds/query` as Grafana's do,
 * with `query` interpolated. No editors, no search UI.
 */
export class TempoLikeDataSource extends DataSourceWithBackend<TempoLikeQuery> {
  constructor(settings: DataSourceInstanceSettings) {
    super(settings);
  }

  applyTemplateVariables(query: TempoLikeQuery, scopedVars: ScopedVars): TempoLikeQuery {
    return { ...query, query: getTemplateSrv().replace(query.query ?? '', scopedVars) };
  }
}
