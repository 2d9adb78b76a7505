import { fixtureAppDist } from './fixtures';

/** The multi-value variable the fixture interpolates, with regex specials in one value. */
export const JOB_VALUES = ['prometheus', 'a.b|c'];

// An app plugin in plain AMD whose root asks the host for the data source uid `prometheus` (the real
// @grafana/prometheus frontend), interpolates a multi-value variable through it and runs a query through
// getRunRequest() and /api/ds/query, printing what came back.
const MODULE_JS = `define(['react', '@grafana/data', '@grafana/runtime'], function (React, data, runtime) {
  var h = React.createElement;
  function Root() {
    var state = React.useState({});
    React.useEffect(function () {
      runtime.getDataSourceSrv().get({ uid: 'prometheus' }).then(function (ds) {
        var scopedVars = { job: { text: 'job', value: ${JSON.stringify(JOB_VALUES)} } };
        var expr = ds.applyTemplateVariables({ refId: 'A', expr: 'up{job=~"$job"}' }, scopedVars).expr;
        var range = data.getDefaultTimeRange();
        var request = {
          app: 'dashboard', requestId: 'fixture', timezone: 'utc', range: range, interval: '15s', intervalMs: 15000,
          maxDataPoints: 100, scopedVars: {}, startTime: Date.now(),
          targets: [{ refId: 'A', expr: 'vector(42)', instant: true, range: false, datasource: { uid: 'prometheus', type: 'prometheus' } }]
        };
        runtime.getRunRequest()(ds, request).subscribe(function (panelData) {
          if (panelData.state !== 'Done' && panelData.state !== 'Error') { return; }
          var values = panelData.series.flatMap(function (frame) {
            return frame.fields.filter(function (f) { return f.type === 'number'; }).flatMap(function (f) { return Array.from(f.values); });
          });
          state[1]({ type: ds.type, promFrontend: typeof ds.interpolateQueryExpr === 'function' && Boolean(ds.languageProvider), expr: expr, state: panelData.state, values: values });
        });
      });
    }, []);
    return h('pre', { 'data-testid': 'fixture prometheus' }, state[0].state ? JSON.stringify(state[0]) : '');
  }
  return { plugin: new data.AppPlugin().setRootPage(Root) };
});
`;

export function prometheusFixtureDist(): string {
  return fixtureAppDist('Prometheus fixture', 'query', MODULE_JS);
}
