import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

import { RULES_CONFIG } from '../rules/config';
import { buildDurationPanel } from '../src/queries/builds';
import { operatorPanels } from '../src/queries/operator';

import { gauge, heatmap, timeseries } from './panels';
import { DASHBOARD_TAGS, DASHBOARD_UIDS } from './uids';
import { datasourceVariable } from './variables';

/** Operator: the Operator page's panels (its alert list is Grafana's alerting view here). */
export function operatorDashboard(): DashboardBuilder {
  const p = operatorPanels();
  return new DashboardBuilder('Knative Lambda / Operator')
    .uid(DASHBOARD_UIDS.operator)
    .tags(DASHBOARD_TAGS)
    .description('The knative-lambda operator: reconciles, build queue, builds, scratch volume and leadership.')
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .withVariable(datasourceVariable())
    .withRow(new RowBuilder('Reconciles'))
    .withPanel(timeseries(p.reconciles, 12, 'Reconcile Rate by phase'))
    .withPanel(timeseries(p.errors))
    .withRow(new RowBuilder('Builds'))
    .withPanel(gauge(p.queueDepth, RULES_CONFIG.workqueueDepth.threshold * 2, 6, 'Build Queue Depth'))
    .withPanel(timeseries(p.queueWait, 6))
    .withPanel(heatmap(p.buildDuration, 12, 'Build Duration Heatmap'))
    .withPanel(timeseries(buildDurationPanel()))
    .withPanel(timeseries(p.buildJobs))
    .withRow(new RowBuilder('Operator process'))
    .withPanel(timeseries(p.scratch))
    .withPanel(timeseries(p.leader));
}
