import { sceneGraph, SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { LinkButton } from '@grafana/ui';
import React from 'react';

import { exploreUrl } from '../queries/exploreUrl';
import type { PromQuery } from '../queries/promQuery';
import { VAR_DATASOURCE_EXPR } from '../variables/variables';

interface ExploreLinkState extends SceneObjectState {
  queries: PromQuery[];
}

/** "Explore" in a panel header: the panel's own queries, datasource and time range. */
export class ExploreLink extends SceneObjectBase<ExploreLinkState> {
  static Component = ({ model }: SceneComponentProps<ExploreLink>) => {
    const { queries } = model.useState();
    const uid = sceneGraph.interpolate(model, VAR_DATASOURCE_EXPR);
    const range = sceneGraph.getTimeRange(model).useState().value.raw;
    const href = exploreUrl(uid, queries, String(range.from), String(range.to));
    return (
      <LinkButton href={href} size="sm" variant="secondary" fill="text" icon="compass" tooltip="Open in Explore">
        Explore
      </LinkButton>
    );
  };
}
