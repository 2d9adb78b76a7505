import { EmbeddedScene, SceneAppPage, SceneReactObject } from '@grafana/scenes';

import { prefixRoute } from '../routing/routes';

import { NotFound } from './NotFound';

/** The catch-all page: any path no other page claims (route ranking puts it last). */
export function makeNotFoundPage(): SceneAppPage {
  return new SceneAppPage({
    title: 'Page not found',
    url: prefixRoute('not-found'),
    routePath: '*',
    getScene: () => new EmbeddedScene({ body: new SceneReactObject({ component: NotFound }) }),
  });
}
