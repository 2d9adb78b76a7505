// Every query of the committed dashboards, interpolated as Grafana would for each demo function, parses and
// returns at least one finite sample on a real Prometheus scraping the real runtime wrappers and the operator's metrics code.
import { RUNTIMES } from '../../contract';

import { dashboardTargets, dashboardVariables, interpolate, labelValuesQuery } from './dashboard-queries';
import { SCRAPE_SECONDS, startDemoWorld, type DemoWorld } from './demo-world';

/** Grafana's $__rate_interval is at least four scrape intervals; the traffic ran within the last minute. */
const RATE_INTERVAL = '2m';
const targets = dashboardTargets();
const variables = dashboardVariables();

let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld();
}, 120_000);
afterAll(async () => world?.stop());

function selection(fn: DemoWorld['functions'][number]): Record<string, string> {
  return {
    namespace: world.namespace,
    runtime: '.*',
    function: fn.spec.functionName,
    __rate_interval: RATE_INTERVAL,
  };
}

describe('the dashboards on a real Prometheus with the demo functions', () => {
  it('has queries to test, with a rate window of at least four scrapes', () => {
    expect(targets.length).toBeGreaterThan(20);
    expect(variables.map((v) => v.name)).toEqual(['namespace', 'runtime', 'function']);
    expect(Number(RATE_INTERVAL.slice(0, -1)) * 60).toBeGreaterThanOrEqual(4 * SCRAPE_SECONDS);
  });

  it.each(variables.map((v) => [v.name, v] as const))('variable %s lists every demo value', async (name, v) => {
    const { match, label } = labelValuesQuery(interpolate(v.query, { namespace: world.namespace, runtime: '.*' }));
    const values = await world.prometheus.labelValues(label, [match]);
    const expected = {
      namespace: [world.namespace],
      runtime: [...RUNTIMES],
      function: world.functions.map((f) => f.spec.functionName),
    }[name];
    expect([...values].sort()).toEqual([...(expected ?? [])].sort());
  });

  it.each(targets.map((t) => [`${t.dashboard} / ${t.panel} / ${t.refId}`, t] as const))(
    '%s returns a number for every demo function',
    async (_name, t) => {
      const empty: string[] = [];
      for (const fn of world.functions) {
        const expr = interpolate(t.expr, selection(fn));
        const samples = await world.prometheus.query(expr);
        if (!samples.some((s) => Number.isFinite(s.value))) {
          empty.push(`${fn.spec.runtime}/${fn.spec.functionName}: ${JSON.stringify(samples)} from ${expr}`);
        }
      }
      expect(empty).toEqual([]);
    }
  );
});
