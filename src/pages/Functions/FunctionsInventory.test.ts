import '../../test/intersectionObserverShim';

import { SceneQueryRunner } from '@grafana/scenes';

import { resources } from '../../api/resources';
import { functionsTableQueries, HEALTH_SERIES, runtimeSummaryQueries, TABLE_REF } from '../../queries/functionsTable';

import { FunctionsInventory } from './FunctionsInventory';

jest.mock('../../api/resources', () => ({ resources: { functions: jest.fn() } }));

const functions = resources.functions as jest.Mock;

function inventory() {
  const table = new SceneQueryRunner({ queries: functionsTableQueries() });
  const quantiles = new SceneQueryRunner({ queries: runtimeSummaryQueries() });
  const runQueries = jest.spyOn(table, 'runQueries').mockImplementation(() => undefined);
  const model = new FunctionsInventory({
    defaultSlo: { objective: 0.999, latencyTargetSeconds: 5 },
    $data: table,
    runtimeQuantiles: quantiles,
  });
  const health = () => table.state.queries.find((q) => q.refId === TABLE_REF.health)?.expr ?? '';
  return { model, runQueries, health };
}

describe('FunctionsInventory', () => {
  it('asks Prometheus for the function list only when the backend has no Kubernetes access', async () => {
    functions.mockRejectedValueOnce({ status: 503, data: { error: 'not_configured', message: 'no cluster' } });
    const { model, runQueries, health } = inventory();
    expect(health()).not.toContain(`"${HEALTH_SERIES.info}"`);
    await model.load();
    expect(model.state.fromPrometheus).toBe(true);
    expect(health()).toContain(`"series", "${HEALTH_SERIES.info}"`);
    expect(runQueries).toHaveBeenCalledTimes(1);
  });

  it('keeps the table queries as they are when the backend lists the functions', async () => {
    functions.mockResolvedValueOnce({ items: [] });
    const { model, runQueries, health } = inventory();
    await model.load();
    expect(model.state.fromPrometheus).toBe(false);
    expect(health()).not.toContain(`"${HEALTH_SERIES.info}"`);
    expect(runQueries).not.toHaveBeenCalled();
  });
});
