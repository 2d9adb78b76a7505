import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout, SceneQueryRunner } from '@grafana/scenes';

import type { ResolvedPageSettings } from '../../app/pageSettings';
import { alertStateQueries } from '../../queries/alerts';
import { ROUTE_PATTERNS, ROUTES } from '../../routing/routes';
import { PROMETHEUS_DS } from '../../variables/variables';
import { pageChrome } from '../sceneControls';

import { AlertRulesTable } from './AlertRulesTable';
import { InstallNotes } from './InstallNotes';

function alertsScene(settings: ResolvedPageSettings): EmbeddedScene {
  return new EmbeddedScene({
    ...pageChrome(settings),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({
          body: new AlertRulesTable({
            $data: new SceneQueryRunner({ datasource: PROMETHEUS_DS, queries: alertStateQueries(), maxDataPoints: 1 }),
          }),
        }),
        new SceneFlexItem({ body: new InstallNotes({}) }),
      ],
    }),
  });
}

export function makeAlertsPage(settings: ResolvedPageSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Alerts',
    subTitle: 'Every rule the product generates, its state now, and the functions it concerns.',
    url: ROUTES.alerts(),
    routePath: ROUTE_PATTERNS.alerts,
    getScene: () => alertsScene(settings),
  });
}
