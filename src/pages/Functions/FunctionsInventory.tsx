import { LoadingState } from '@grafana/data';
import {
  CustomVariable,
  sceneGraph,
  SceneObjectBase,
  type SceneComponentProps,
  SceneQueryRunner,
  type SceneObjectState,
  SceneObjectUrlSyncConfig,
  type SceneObjectUrlValues,
  VariableDependencyConfig,
} from '@grafana/scenes';
import { Alert, LoadingPlaceholder, TextLink } from '@grafana/ui';
import React, { useMemo } from 'react';

import type { FunctionSlo } from '../../../backend/api/types';
import { type ResourceError, toResourceError } from '../../api/resourceError';
import { resources } from '../../api/resources';
import { ApiErrorState } from '../../components/ApiErrorState';
import { NoFunctions } from '../../components/NoFunctions';
import { filterRows, filterValues, type RowFilters } from '../../model/filterRows';
import { type FunctionListItem, listItemFromSummary } from '../../model/functionRow';
import { samplesByRefId } from '../../model/instantSamples';
import { joinFunctionRows, listFromPrometheus } from '../../model/joinFunctionRows';
import { runtimeSummary } from '../../model/runtimeSummary';
import { formatSort, parseSort, type SortSpec } from '../../model/sortRows';
import { functionsTableQueries } from '../../queries/functionsTable';
import { configPageLocation } from '../../routing/routes';
import { testIds } from '../../testIds';
import { VAR_NAMESPACE, VAR_PHASE, VAR_RUNTIME, VAR_SEARCH, VAR_STATE } from '../../variables/variables';

import { FunctionsTable } from './FunctionsTable';
import { RuntimeSummaryTable } from './RuntimeSummaryTable';

export interface FunctionsInventoryState extends SceneObjectState {
  sort: string;
  page: number;
  list?: FunctionListItem[];
  listError?: ResourceError;
  /** true when the backend has no Kubernetes access and the list comes from Prometheus */
  fromPrometheus?: boolean;
  defaultSlo: FunctionSlo;
  /** the by-runtime summary's quantiles: a request of their own, so the table never waits for them */
  runtimeQuantiles: SceneQueryRunner;
}

const FILTER_VARIABLES = [VAR_NAMESPACE, VAR_RUNTIME, VAR_PHASE, VAR_STATE, VAR_SEARCH];

/** The Functions table: the backend's list joined with the page's aggregated instant queries. */
export class FunctionsInventory extends SceneObjectBase<FunctionsInventoryState> {
  static Component = FunctionsInventoryRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['sort', 'page'] });
  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: FILTER_VARIABLES,
    onReferencedVariableValueChanged: () => this.setState({ page: 1 }),
  });

  constructor(state: Omit<FunctionsInventoryState, 'sort' | 'page'> & Partial<FunctionsInventoryState>) {
    super({ sort: 'problems', page: 1, ...state });
    this.addActivationHandler(() => {
      this.load();
      return this.state.runtimeQuantiles.activate();
    });
  }

  getUrlState() {
    return { sort: this.state.sort, page: String(this.state.page) };
  }

  updateFromUrl(values: SceneObjectUrlValues) {
    const sort = typeof values.sort === 'string' ? formatSort(parseSort(values.sort)) : this.state.sort;
    const page = typeof values.page === 'string' ? Math.max(1, Number(values.page) || 1) : this.state.page;
    if (sort !== this.state.sort || page !== this.state.page) {
      this.setState({ sort, page });
    }
  }

  setSort(sort: SortSpec) {
    this.setState({ sort: formatSort(sort), page: 1 });
  }

  setPage(page: number) {
    this.setState({ page });
  }

  load = async () => {
    try {
      const response = await resources.functions();
      this.setState({ list: response.items.map(listItemFromSummary), listError: undefined, fromPrometheus: false });
    } catch (thrown) {
      const error = toResourceError(thrown);
      if (error.code === 'not_configured') {
        this.setState({ list: undefined, listError: undefined, fromPrometheus: true });
        this.queryInventoryFromPrometheus();
      } else {
        this.setState({ listError: error, fromPrometheus: false });
      }
    }
    this.updateNamespaceOptions();
  };

  /** Without Kubernetes the health query also lists the functions (function_info); only then, it costs bytes. */
  private queryInventoryFromPrometheus() {
    const runner = sceneGraph.getData(this);
    const queries = functionsTableQueries({ fromPrometheus: true });
    if (runner instanceof SceneQueryRunner && JSON.stringify(runner.state.queries) !== JSON.stringify(queries)) {
      runner.setState({ queries });
      runner.runQueries();
    }
  }

  /** Namespace options from the list, keeping values the URL asked for. */
  private updateNamespaceOptions() {
    const variable = sceneGraph.lookupVariable(VAR_NAMESPACE, this);
    if (!(variable instanceof CustomVariable)) {
      return;
    }
    const known = new Set([...(this.state.list ?? []).map((i) => i.namespace), ...filterValues(variable.getValue())]);
    const query = [...known].sort().join(',');
    if (query !== variable.state.query) {
      variable.setState({ query });
      variable.validateAndUpdate().subscribe();
    }
  }

  filters(): RowFilters {
    const value = (name: string) => sceneGraph.lookupVariable(name, this)?.getValue();
    return {
      namespaces: filterValues(value(VAR_NAMESPACE)),
      runtimes: filterValues(value(VAR_RUNTIME)),
      phases: filterValues(value(VAR_PHASE)),
      states: filterValues(value(VAR_STATE)),
      search: String(value(VAR_SEARCH) ?? ''),
    };
  }
}

function FunctionsInventoryRenderer({ model }: SceneComponentProps<FunctionsInventory>) {
  const { list, listError, fromPrometheus, sort, page, defaultSlo } = model.useState();
  const { data } = sceneGraph.getData(model).useState();
  const filters = model.filters();
  const filterKey = JSON.stringify(filters);
  // the join and the filter run once per answer or filter change, not on every render
  const samples = useMemo(() => samplesByRefId(data?.series ?? []), [data?.series]);
  const items = useMemo(
    () => (fromPrometheus ? listFromPrometheus(samples, defaultSlo) : (list ?? [])),
    [fromPrometheus, samples, defaultSlo, list]
  );
  const rows = useMemo(() => joinFunctionRows(items, samples), [items, samples]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey is the filters' value
  const visible = useMemo(() => filterRows(rows, filters), [rows, filterKey]);
  const { data: quantiles } = model.state.runtimeQuantiles.useState();
  const quantileSamples = useMemo(() => samplesByRefId(quantiles?.series ?? []), [quantiles?.series]);
  const summary = useMemo(() => runtimeSummary(rows, quantileSamples), [rows, quantileSamples]);
  if (listError) {
    return <ApiErrorState error={listError} onRetry={model.load} />;
  }
  const loading = !data || data.state === LoadingState.Loading || (!list && !fromPrometheus);
  const queryErrors = [...(data?.errors ?? []), ...(quantiles?.errors ?? [])];
  if (!loading && items.length === 0) {
    return <NoFunctions />;
  }
  return (
    <div>
      {fromPrometheus && (
        <div data-testid={testIds.functions.fallbackBanner}>
          <Alert severity="info" title="Kubernetes is not configured: functions come from Prometheus">
            The list shows what the operator reports in Prometheus (phase and runtime only, no conditions or builds).{' '}
            <TextLink href={configPageLocation()}>Configure Kubernetes access</TextLink>
          </Alert>
        </div>
      )}
      {queryErrors.length ? (
        <Alert severity="error" title="Prometheus query failed">
          {queryErrors.map((e) => e.message).join('; ')}
        </Alert>
      ) : null}
      {loading && rows.length === 0 ? (
        <LoadingPlaceholder text="Loading functions…" />
      ) : (
        <FunctionsTable
          rows={visible}
          total={rows.length}
          sort={parseSort(sort)}
          page={page}
          onSort={(s) => model.setSort(s)}
          onPage={(p) => model.setPage(p)}
        />
      )}
      <RuntimeSummaryTable rows={summary} />
    </div>
  );
}
