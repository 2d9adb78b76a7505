import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

import { functionsDashboard } from './functions';
import { operatorDashboard } from './operator';

/** Path of each generated dashboard, relative to the repository root and to the plugin root (`includes`). */
export const DASHBOARD_FILES = {
  functions: 'dashboards/functions.json',
  operator: 'dashboards/operator.json',
} as const;

export const PROVISIONING_DIR = 'provisioning';

/** Panels get ids in order, so the output is the same on every run. */
function withPanelIds(dashboard: Dashboard): Dashboard {
  let id = 1;
  for (const panel of dashboard.panels ?? []) {
    panel.id = id++;
  }
  return dashboard;
}

export function renderDashboards(): Record<keyof typeof DASHBOARD_FILES, Dashboard> {
  return {
    functions: withPanelIds(functionsDashboard().build()),
    operator: withPanelIds(operatorDashboard().build()),
  };
}
