import { CustomVariable, DataSourceVariable, TextBoxVariable } from '@grafana/scenes';

import { PHASES, RUNTIMES } from '../../contract/labels';
import { FUNCTION_STATES } from '../model/functionState';

export const VAR_DATASOURCE = 'datasource';
export const VAR_DATASOURCE_EXPR = `\${${VAR_DATASOURCE}}`;
export const VAR_NAMESPACE = 'namespace';
export const VAR_RUNTIME = 'runtime';
export const VAR_PHASE = 'phase';
export const VAR_STATE = 'state';
export const VAR_SEARCH = 'search';

/** The datasource reference every query runner uses: the Prometheus variable. */
export const PROMETHEUS_DS = { type: 'prometheus', uid: VAR_DATASOURCE_EXPR };

export function makeDatasourceVariable(defaultUid?: string): DataSourceVariable {
  return new DataSourceVariable({
    name: VAR_DATASOURCE,
    label: 'Prometheus',
    pluginId: 'prometheus',
    ...(defaultUid ? { value: defaultUid } : {}),
  });
}

function multiFilter(name: string, label: string, values: readonly string[]): CustomVariable {
  return new CustomVariable({
    name,
    label,
    query: values.join(','),
    isMulti: true,
    includeAll: true,
    defaultToAll: true,
    value: ['$__all'],
  });
}

/** The filters of the Functions page; every one is synced to the URL as var-<name>. */
export function makeFilterVariables(namespaces: readonly string[]) {
  return [
    multiFilter(VAR_NAMESPACE, 'Namespace', namespaces),
    multiFilter(VAR_RUNTIME, 'Runtime', RUNTIMES),
    multiFilter(VAR_PHASE, 'Phase', [...PHASES, 'Unknown']),
    multiFilter(VAR_STATE, 'State', FUNCTION_STATES),
    new TextBoxVariable({ name: VAR_SEARCH, label: 'Search', value: '' }),
  ];
}
