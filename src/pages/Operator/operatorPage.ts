import {
  EmbeddedScene,
  PanelBuilders,
  SceneAppPage,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
} from '@grafana/scenes';

import type { ResolvedPageSettings } from '../../app/pageSettings';
import { panelItem } from '../../panels/timeseriesPanel';
import { operatorPanels } from '../../queries/operator';
import { ROUTE_PATTERNS, ROUTES } from '../../routing/routes';
import { PROMETHEUS_DS } from '../../variables/variables';
import { pageChrome } from '../sceneControls';

import { OperatorStatus } from './OperatorStatus';

/** A fresh stack has under an hour of history, and a build or an alert is minutes long: the last hour fits. */
export const OPERATOR_DEFAULT_FROM = 'now-1h';

function operatorScene(settings: ResolvedPageSettings): EmbeddedScene {
  const p = operatorPanels();
  const heatmap = PanelBuilders.heatmap()
    .setTitle(p.buildDuration.title)
    .setDescription(p.buildDuration.description ?? '')
    .setNoValue(p.buildDuration.noValue ?? '')
    .setData(new SceneQueryRunner({ datasource: PROMETHEUS_DS, queries: p.buildDuration.queries }))
    .build();
  const row = (...children: SceneFlexItem[]) => new SceneFlexLayout({ direction: 'row', children });
  return new EmbeddedScene({
    ...pageChrome(settings, [], OPERATOR_DEFAULT_FROM),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ body: new OperatorStatus({}) }),
        row(panelItem(p.reconciles), panelItem(p.errors)),
        row(panelItem(p.queueDepth), panelItem(p.queueWait)),
        row(new SceneFlexItem({ minHeight: 260, body: heatmap }), panelItem(p.buildJobs)),
        row(panelItem(p.scratch), panelItem(p.leader), panelItem(p.alerts)),
      ],
    }),
  });
}

export function makeOperatorPage(settings: ResolvedPageSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Operator',
    subTitle: 'Reconciles, build queue, builds and scratch volume of the knative-lambda operator.',
    url: ROUTES.operator(),
    routePath: ROUTE_PATTERNS.operator,
    getScene: () => operatorScene(settings),
  });
}
