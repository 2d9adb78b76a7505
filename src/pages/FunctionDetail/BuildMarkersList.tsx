import { dateTimeFormat } from '@grafana/data';
import { sceneGraph, SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Text } from '@grafana/ui';
import React from 'react';

import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import { buildMarkers } from '../../model/buildMarkers';
import { testIds } from '../../testIds';

import { WithFunctionDetail } from './WithFunctionDetail';

/** The build and rollout markers of the time range as text, next to their annotations on the graphs. */
export class BuildMarkersList extends SceneObjectBase<SceneObjectState & { loader: FunctionDetailLoader }> {
  static Component = BuildMarkersListRenderer;
}

function BuildMarkersListRenderer({ model }: SceneComponentProps<BuildMarkersList>) {
  const { loader } = model.useState();
  const range = sceneGraph.getTimeRange(model).useState().value;
  return (
    <WithFunctionDetail loader={loader}>
      {(detail) => {
        const markers = buildMarkers(detail).filter(
          (m) => m.time >= range.from.valueOf() && m.time <= range.to.valueOf()
        );
        return (
          <div data-testid={testIds.overview.markers}>
            <Text color="secondary">
              Builds and rollouts in this range:{' '}
              {markers.length === 0
                ? 'none'
                : markers.map((m) => (
                    <span
                      key={`${m.time}-${m.title}`}
                      data-marker={m.title}
                      style={{ marginRight: 12, color: m.color }}
                    >
                      {dateTimeFormat(m.time, { format: 'HH:mm:ss' })} {m.title} ({m.text})
                    </span>
                  ))}
            </Text>
          </div>
        );
      }}
    </WithFunctionDetail>
  );
}
