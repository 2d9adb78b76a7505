import { fixtureAppDist } from './fixtures';

/** The frame every fixture panel gets: one series `checkout` (bucket le=0.5) with values 1, 2, 42. */
export const FIXTURE_VALUES = [1, 2, 42];

// An app plugin in plain AMD (as webpack emits it) whose root renders each core panel id through
// getPluginImportUtils().importPanelPlugin with the plugin's default options and field config, then
// applyFieldOverrides — what a scene's VizPanel does.
const MODULE_JS = `define(['react', '@grafana/data', '@grafana/runtime'], function (React, data, runtime) {
  var h = React.createElement;
  var now = Date.now();
  var range = data.getDefaultTimeRange();
  function series() {
    return [data.toDataFrame({
      name: 'checkout',
      fields: [
        { name: 'Time', type: 'time', values: [now - 120000, now - 60000, now] },
        { name: 'Value', type: 'number', values: ${JSON.stringify(FIXTURE_VALUES)}, labels: { le: '0.5' }, config: { displayName: 'checkout' } }
      ]
    })];
  }
  var OPTIONS = { text: { mode: 'markdown', content: '# Hello **host**' } };
  function PanelView(props) {
    var state = React.useState(null);
    React.useEffect(function () {
      runtime.getPluginImportUtils().importPanelPlugin(props.id).then(state[1]);
    }, []);
    var plugin = state[0];
    if (!plugin) { return null; }
    var fieldConfig = plugin.fieldConfigDefaults;
    var frames = data.applyFieldOverrides({
      data: series(), fieldConfig: fieldConfig, fieldConfigRegistry: plugin.fieldConfigRegistry,
      replaceVariables: function (s) { return s; }, theme: runtime.config.theme2, timeZone: 'utc'
    });
    return h('div', { 'data-testid': 'fixture ' + props.id, style: { width: 400, height: 220 } },
      h(plugin.panel, {
        id: 1, title: props.id, data: { state: 'Done', series: frames, timeRange: range }, timeRange: range,
        timeZone: 'utc', options: Object.assign({}, plugin.defaults, OPTIONS[props.id]), fieldConfig: fieldConfig, transparent: false,
        width: 400, height: 200, renderCounter: 0, eventBus: new data.EventBusSrv(),
        onOptionsChange: function () {}, onFieldConfigChange: function () {}, onChangeTimeRange: function () {},
        replaceVariables: function (s) { return s; }
      }));
  }
  function Root() {
    return h('div', null, ['stat', 'table', 'timeseries', 'bargauge', 'gauge', 'heatmap', 'text', 'no-such-panel'].map(function (id) {
      return h(PanelView, { key: id, id: id });
    }));
  }
  return { plugin: new data.AppPlugin().setRootPage(Root) };
});
`;

/** A dist/ holding the panel fixture app (id knative-lambda-app, so the host serves it as the app). */
export function panelsFixtureDist(): string {
  return fixtureAppDist('Panels fixture', 'panels', MODULE_JS);
}
