import type { PanelPlugin } from '@grafana/data';
import { Alert } from '@grafana/ui';

import { corePanel } from './core-panel';

/** Grafana's `getPanelPluginNotFound`: a panel that says so instead of failing the dashboard. */
export function notFoundPanel(id: string): PanelPlugin {
  const NotFound = () => <Alert severity="warning" title={`Panel plugin not found: ${id}`} />;
  return corePanel(id, id, NotFound);
}
