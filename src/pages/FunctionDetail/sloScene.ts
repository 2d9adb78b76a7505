import { EmbeddedScene, SceneDataLayerSet, SceneFlexItem, SceneFlexLayout, SceneQueryRunner } from '@grafana/scenes';

import { RULES_CONFIG } from '../../../rules/config';
import { BURN_RATE_WINDOWS } from '../../../rules/slo';
import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import type { ResolvedPageSettings } from '../../app/pageSettings';
import { BAND_PANEL_IDS } from '../../model/alertBands';
import { timeseriesPanel } from '../../panels/timeseriesPanel';
import { budgetOverTimeQueries, burnPairQueries, sloNowQueries } from '../../queries/functionSlo';
import { PROMETHEUS_DS } from '../../variables/variables';
import { pageChrome } from '../sceneControls';

import { AlertBandsLayer } from './AlertBandsLayer';
import { AlertBandsList } from './AlertBandsList';
import { SloSummary } from './SloSummary';

/** Tiles, burn-rate table (rows expand to their graphs), budget over the window. Windows and factors from the rules. */
export function sloScene(loader: FunctionDetailLoader, settings: ResolvedPageSettings): EmbeddedScene {
  const { namespace, name } = loader;
  const pairPanels = Object.fromEntries(
    BURN_RATE_WINDOWS.map((w) => [
      w.long,
      new SceneFlexItem({
        minHeight: 240,
        isHidden: true,
        body: timeseriesPanel({
          title: `Burn ${w.long} / ${w.short} (${w.severity}, ${w.factor}×)`,
          panelId: BAND_PANEL_IDS.budget,
          unit: 'percentunit',
          queries: burnPairQueries(namespace, name, w),
        }),
      }),
    ])
  );
  const summary = new SloSummary({
    loader,
    defaultObjective: settings.objective,
    window: settings.window,
    pairPanels,
    $data: new SceneQueryRunner({
      datasource: PROMETHEUS_DS,
      queries: sloNowQueries(namespace, name, settings.window),
      maxDataPoints: 1,
    }),
  });
  const budget = timeseriesPanel({
    title: `Error budget remaining over ${settings.window}`,
    panelId: BAND_PANEL_IDS.budget,
    description: 'The line "ideal burn" spends exactly the whole budget over one window from the start of the range.',
    unit: 'percentunit',
    queries: budgetOverTimeQueries(namespace, name, settings.window, RULES_CONFIG.slo.period),
  });
  const alertBands = new AlertBandsLayer(namespace, name);
  return new EmbeddedScene({
    ...pageChrome(settings, [], 'now-24h'),
    $data: new SceneDataLayerSet({ layers: [alertBands] }),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ body: summary }),
        new SceneFlexItem({ body: new AlertBandsList({ layer: alertBands }) }),
        ...Object.values(pairPanels),
        new SceneFlexItem({ minHeight: 280, body: budget }),
      ],
    }),
  });
}
