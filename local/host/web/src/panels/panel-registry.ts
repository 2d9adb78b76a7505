import type { PanelPlugin } from '@grafana/data';

import { notFoundPanel } from './NotFoundPanel';

type Loader = () => Promise<PanelPlugin>;

/** Core panels the host approximates from @grafana/ui parts; every other id is "Panel plugin not found". */
const CORE_PANELS: Record<string, Loader> = {
  timeseries: async () => (await import('./TimeSeriesPanel')).timeSeriesPanel(),
  stat: async () => (await import('./StatPanel')).statPanel(),
  table: async () => (await import('./TablePanel')).tablePanel(),
  gauge: async () => (await import('./BarGaugePanel')).gaugePanel(),
  bargauge: async () => (await import('./BarGaugePanel')).barGaugePanel(),
  heatmap: async () => (await import('./HeatmapPanel')).heatmapPanel(),
  text: async () => (await import('./TextPanel')).textPanel(),
};

const cache = new Map<string, PanelPlugin>();

export async function importPanelPlugin(id: string): Promise<PanelPlugin> {
  const cached = cache.get(id);
  if (cached) {
    return cached;
  }
  const plugin = CORE_PANELS[id] ? await CORE_PANELS[id]() : notFoundPanel(id);
  cache.set(id, plugin);
  return plugin;
}

export function getPanelPluginFromCache(id: string): PanelPlugin | undefined {
  return cache.get(id);
}
