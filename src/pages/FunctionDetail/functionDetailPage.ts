import { SceneAppPage, type SceneAppPageLike, type SceneRouteMatch } from '@grafana/scenes';

import { makeFunctionDetailLoader } from '../../api/functionDetailLoader';
import type { ResolvedPageSettings } from '../../app/pageSettings';
import { DetailTabs } from '../../constants';
import { PRESERVED_URL_KEYS, ROUTES } from '../../routing/routes';

import { buildsScene, kubernetesScene, tracesScene } from './detailScenes';
import { overviewScene } from './overviewScene';
import { sloScene } from './sloScene';

const TABS: Array<[DetailTabs, string, typeof overviewScene]> = [
  [DetailTabs.overview, 'Overview', overviewScene],
  [DetailTabs.slo, 'SLO', sloScene],
  [DetailTabs.builds, 'Builds', buildsScene],
  [DetailTabs.kubernetes, 'Kubernetes', kubernetesScene],
  [DetailTabs.traces, 'Traces', tracesScene],
];

/** `functions/:namespace/:name/<tab>`: one loader of the backend's detail shared by every tab. */
export function makeFunctionDetailPage(
  routeMatch: SceneRouteMatch<{ namespace: string; name: string }>,
  parent: SceneAppPageLike,
  settings: ResolvedPageSettings
): SceneAppPage {
  const namespace = decodeURIComponent(routeMatch.params.namespace);
  const name = decodeURIComponent(routeMatch.params.name);
  const loader = makeFunctionDetailLoader(namespace, name);
  return new SceneAppPage({
    title: name,
    subTitle: `LambdaFunction in namespace ${namespace}`,
    url: ROUTES.functionDetail(namespace, name),
    routePath: ':namespace/:name/*',
    getParentPage: () => parent,
    preserveUrlKeys: [...PRESERVED_URL_KEYS],
    tabs: TABS.map(
      ([tab, title, scene]) =>
        new SceneAppPage({
          title,
          url: ROUTES.functionDetail(namespace, name, tab),
          routePath: tab,
          preserveUrlKeys: [...PRESERVED_URL_KEYS],
          getScene: () => scene(loader, settings),
        })
    ),
  });
}
