import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneQueryRunner } from '@grafana/scenes';

import { RULES_CONFIG } from '../../../rules/config';
import { BURN_RATE_WINDOWS } from '../../../rules/slo';
import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import type { ResolvedPageSettings } from '../../app/pageSettings';
import { timeseriesPanel } from '../../panels/timeseriesPanel';
import { budgetOverTimeQueries, burnPairQueries, sloNowQueries } from '../../queries/functionSlo';
import { PROMETHEUS_DS } from '../../variables/variables';
import { pageChrome } from '../sceneControls';

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
    description: 'The line "ideal burn" spends exactly the whole budget over one window from the start of the range.',
    unit: 'percentunit',
    queries: budgetOverTimeQueries(namespace, name, settings.window, RULES_CONFIG.slo.period),
  });
  return new EmbeddedScene({
    ...pageChrome(settings, [], 'now-24h'),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ body: summary }),
        ...Object.values(pairPanels),
        new SceneFlexItem({ minHeight: 280, body: budget }),
      ],
    }),
  });
}
