import { arrayToDataFrame, DataTopic, LoadingState } from '@grafana/data';
import { sceneGraph, SceneDataLayerBase, SceneQueryRunner, type SceneDataLayerProviderState } from '@grafana/scenes';
import type { DataSourceRef } from '@grafana/schema';
import type { Unsubscribable } from 'rxjs';

import { alertBands, alertSeriesFromFrames, bandAnnotationRows, type AlertBand } from '../../model/alertBands';
import { alertBandsQuery } from '../../queries/alertBands';
import { PROMETHEUS_DS } from '../../variables/variables';

interface AlertBandsLayerState extends SceneDataLayerProviderState {
  bands: AlertBand[];
  $data: SceneQueryRunner;
}

/**
 * Pending and firing periods from `ALERTS`, as region annotations on the panels each alert concerns (their runners'
 * `dataLayerFilter.panelId`). One range query for the whole tab, however many panels show bands.
 */
export class AlertBandsLayer extends SceneDataLayerBase<AlertBandsLayerState> {
  private bandsSub?: Unsubscribable;

  constructor(namespace: string, name: string, datasource: DataSourceRef = PROMETHEUS_DS) {
    super({
      name: 'Alert states',
      isEnabled: true,
      bands: [],
      $data: new SceneQueryRunner({ datasource, queries: [alertBandsQuery(namespace, name)] }),
    });
  }

  onEnable() {
    // The runner also receives this layer's annotations (it sits below the scene's layers): react to series only.
    this.bandsSub = this.state.$data.subscribeToState((n, p) => {
      if (n.data?.series !== p.data?.series) {
        this.runLayer();
      }
    });
  }

  onDisable() {
    this.bandsSub?.unsubscribe();
  }

  protected runLayer() {
    const data = this.state.$data.state.data;
    const bands = alertBands(alertSeriesFromFrames(data?.series ?? []));
    const frame = arrayToDataFrame(bandAnnotationRows(bands));
    frame.meta = { dataTopic: DataTopic.Annotations };
    this.setState({ bands });
    this.publishResults({
      state: LoadingState.Done,
      // layers hand annotations over as series marked with the annotations data topic
      series: [frame],
      timeRange: sceneGraph.getTimeRange(this).state.value,
    });
  }
}
