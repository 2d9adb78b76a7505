import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

import { stat, timeseries } from './panels';
import { fleetPanels, functionPanels } from './queries';
import { DASHBOARD_TAGS, DASHBOARD_UIDS } from './uids';
import { datasourceVariable, functionVariables } from './variables';

/** Functions: the selected functions side by side, then one repeated row per function (RED, cold starts, SLO). */
export function functionsDashboard(): DashboardBuilder {
  const fleet = fleetPanels();
  const fn = functionPanels();
  const dashboard = new DashboardBuilder('Knative Lambda / Functions')
    .uid(DASHBOARD_UIDS.functions)
    .tags(DASHBOARD_TAGS)
    .description('Functions run by the knative-lambda operator: RED, cold starts, error budget and burn rates.')
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .withVariable(datasourceVariable());
  functionVariables().forEach((v) => dashboard.withVariable(v));

  dashboard
    .withRow(new RowBuilder('Selected functions'))
    .withPanel(stat(fleet.budget, 24))
    .withPanel(timeseries(fleet.rate))
    .withPanel(timeseries(fleet.errors))
    .withPanel(timeseries(fleet.duration))
    .withPanel(timeseries(fleet.coldStarts))
    .withRow(new RowBuilder('$function').repeat('function'))
    .withPanel(stat(fn.budget, 6))
    .withPanel(timeseries(fn.invocations, 9))
    .withPanel(timeseries(fn.errorRatio, 9))
    .withPanel(timeseries(fn.latency))
    .withPanel(timeseries(fn.coldStarts))
    .withPanel(timeseries(fn.inFlight))
    .withPanel(timeseries(fn.replicas))
    .withPanel(timeseries(fn.budgetOverTime, 24));
  Object.keys(fn)
    .filter((key) => key.startsWith('burn:'))
    .forEach((key) => dashboard.withPanel(timeseries(fn[key], 6)));
  return dashboard;
}
