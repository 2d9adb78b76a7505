import { EmbeddedScene, SceneAppPage, SceneReactObject } from '@grafana/scenes';

import { prefixRoute } from '../routing/routes';

import { NotFound } from './NotFound';

const notFoundScene = () => new EmbeddedScene({ body: new SceneReactObject({ component: NotFound }) });

/**
 * The catch-all page: any path no other page claims (route ranking puts it last). A page only renders its own
 * URL, so an unknown sub-path reaches it through its fallback, which is the same not-found view.
 */
export function makeNotFoundPage(): SceneAppPage {
  const view = new SceneAppPage({
    title: 'Page not found',
    url: prefixRoute('not-found'),
    routePath: '*',
    getScene: notFoundScene,
  });
  return new SceneAppPage({
    title: 'Page not found',
    url: prefixRoute('not-found'),
    routePath: '*',
    getScene: notFoundScene,
    getFallbackPage: () => view,
  });
}
