import { locationService } from '@grafana/runtime';
import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout, SceneQueryRunner } from '@grafana/scenes';

import { RULES_CONFIG } from '../../../rules/config';
import type { ResolvedPageSettings } from '../../app/pageSettings';
import { filterValues } from '../../model/filterRows';
import { functionsTableQueries, runtimeSummaryQueries } from '../../queries/functionsTable';
import { PRESERVED_URL_KEYS, ROUTE_PATTERNS, ROUTES } from '../../routing/routes';
import { makeFilterVariables, PROMETHEUS_DS, VAR_NAMESPACE } from '../../variables/variables';
import { makeFunctionDetailPage } from '../FunctionDetail/functionDetailPage';
import { pageChrome } from '../sceneControls';

import { FunctionsInventory } from './FunctionsInventory';

function functionsScene(settings: ResolvedPageSettings): EmbeddedScene {
  const fromUrl = filterValues(locationService.getSearch().getAll(`var-${VAR_NAMESPACE}`));
  const inventory = new FunctionsInventory({
    defaultSlo: {
      objective: settings.objective,
      latencyTargetSeconds: RULES_CONFIG.functionLatency.defaultTargetSeconds,
    },
    $data: new SceneQueryRunner({ datasource: PROMETHEUS_DS, queries: functionsTableQueries(), maxDataPoints: 1 }),
    runtimeQuantiles: new SceneQueryRunner({
      datasource: PROMETHEUS_DS,
      queries: runtimeSummaryQueries(),
      maxDataPoints: 1,
    }),
  });
  return new EmbeddedScene({
    ...pageChrome(settings, makeFilterVariables(fromUrl)),
    body: new SceneFlexLayout({ direction: 'column', children: [new SceneFlexItem({ body: inventory })] }),
  });
}

export function makeFunctionsPage(settings: ResolvedPageSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Functions',
    subTitle: 'Which functions are unhealthy, and why.',
    url: ROUTES.functions(),
    routePath: ROUTE_PATTERNS.functions,
    preserveUrlKeys: [...PRESERVED_URL_KEYS],
    getScene: () => functionsScene(settings),
    drilldowns: [
      {
        routePath: ROUTE_PATTERNS.functionDetail,
        getPage: (routeMatch, parent) => makeFunctionDetailPage(routeMatch, parent, settings),
      },
    ],
  });
}
