import { arrayToDataFrame, DataTopic, LoadingState } from '@grafana/data';
import { sceneGraph, SceneDataLayerBase, type SceneDataLayerProviderState } from '@grafana/scenes';

import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import { buildMarkers } from '../../model/buildMarkers';

interface BuildMarkersLayerState extends SceneDataLayerProviderState {
  loader: FunctionDetailLoader;
}

/** Build and rollout markers, from the backend's Jobs and Events, as annotations on every panel below. */
export class BuildMarkersLayer extends SceneDataLayerBase<BuildMarkersLayerState> {
  constructor(loader: FunctionDetailLoader) {
    super({ name: 'Builds and rollouts', isEnabled: true, loader });
  }

  onEnable() {}
  onDisable() {}

  protected runLayer() {
    const timeRange = sceneGraph.getTimeRange(this).state.value;
    this.state.loader.get().then(
      (detail) => {
        // query runners take a layer's annotations from its series marked with the annotations data topic
        const frame = arrayToDataFrame(buildMarkers(detail));
        frame.meta = { dataTopic: DataTopic.Annotations };
        this.publishResults({ state: LoadingState.Done, series: [frame], timeRange });
      },
      () => this.publishResults({ state: LoadingState.Done, series: [], timeRange })
    );
  }
}
