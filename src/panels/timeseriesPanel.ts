import { PanelBuilders, SceneFlexItem, SceneQueryRunner, type VizPanel } from '@grafana/scenes';

import { UNBANDED_PANEL_ID } from '../model/alertBands';
import type { PanelQueries } from '../queries/functionOverview';
import { PROMETHEUS_DS } from '../variables/variables';

import { ExploreLink } from './ExploreLink';

/** A time-series panel for `p`, with an Explore link carrying its exact queries. */
export function timeseriesPanel(p: PanelQueries): VizPanel {
  const builder = PanelBuilders.timeseries()
    .setTitle(p.title)
    .setDescription(p.description ?? '')
    .setUnit(p.unit)
    .setData(
      new SceneQueryRunner({
        datasource: PROMETHEUS_DS,
        queries: p.queries,
        dataLayerFilter: { panelId: p.panelId ?? UNBANDED_PANEL_ID },
      })
    )
    .setHeaderActions(new ExploreLink({ queries: p.queries }));
  return (p.noValue ? builder.setNoValue(p.noValue) : builder).build();
}

export function panelItem(p: PanelQueries, height = 260): SceneFlexItem {
  return new SceneFlexItem({ minHeight: height, body: timeseriesPanel(p) });
}
