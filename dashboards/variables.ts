import {
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';

import { FUNCTION_METRICS } from '../contract/metrics';
import { selector } from '../rules/promql';

import { DATASOURCE_VARIABLE, PROMETHEUS_REF } from './datasource';

const INVOCATIONS = FUNCTION_METRICS.invocations.name;

/** The label_values() queries of the Functions dashboard's variables, each narrowed by the ones before it. */
export const VARIABLE_QUERIES = {
  namespace: `label_values(${INVOCATIONS}, namespace)`,
  runtime: `label_values(${selector(INVOCATIONS, { namespace: '$namespace' })}, runtime)`,
  function: `label_values(${selector(INVOCATIONS, { namespace: '$namespace', 'runtime=~': '$runtime' })}, function)`,
} as const;

export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE).label('Prometheus').type('prometheus');
}

function labelVariable(name: keyof typeof VARIABLE_QUERIES, label: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS_REF)
    .query(VARIABLE_QUERIES[name])
    .definition(VARIABLE_QUERIES[name])
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc);
}

/** namespace is single-valued (the per-function queries match it exactly); runtime and function are multi with All. */
export function functionVariables(): QueryVariableBuilder[] {
  const multi = (v: QueryVariableBuilder) => v.multi(true).includeAll(true).allValue('.*');
  return [
    labelVariable('namespace', 'Namespace'),
    multi(labelVariable('runtime', 'Runtime')),
    multi(labelVariable('function', 'Function')),
  ];
}
