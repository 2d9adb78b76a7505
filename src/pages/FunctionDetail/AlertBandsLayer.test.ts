import '../../test/intersectionObserverShim';
import { FieldType, LoadingState, toDataFrame, type DataQueryRequest, type PanelData } from '@grafana/data';
import { setRunRequest } from '@grafana/runtime';
import {
  EmbeddedScene,
  SceneCanvasText,
  SceneDataLayerSet,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneTimeRange,
} from '@grafana/scenes';
import type { DataSourceRef } from '@grafana/schema';
import { of } from 'rxjs';

import type { FunctionDetailResponse } from '../../../backend/api/types';
import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import { BAND_PANEL_IDS, UNBANDED_PANEL_ID } from '../../model/alertBands';
import { ALERT_NAMES } from '../../model/alertNames';

import { AlertBandsLayer } from './AlertBandsLayer';
import { BuildMarkersLayer } from './BuildMarkersLayer';

const NOW = Date.now();
const firingFrame = toDataFrame({
  refId: 'alertBands',
  fields: [
    { name: 'Time', type: FieldType.time, values: [NOW - 120_000, NOW - 60_000], config: { interval: 60_000 } },
    {
      name: 'Value',
      type: FieldType.number,
      values: [1, 1],
      labels: { alertname: ALERT_NAMES.highErrorRate, alertstate: 'firing' },
    },
  ],
});

const requests: DataQueryRequest[] = [];
/** A datasource instance as the ref: scenes uses it as it is, without Grafana's datasource service. */
const PROMETHEUS = {
  uid: 'prom',
  type: 'prometheus',
  query: () => of({ data: [] }),
  getRef: () => ({ uid: 'prom', type: 'prometheus' }),
} as unknown as DataSourceRef;
setRunRequest((_ds, request) => {
  requests.push(request);
  const alerts = request.targets.some((t) => t.refId === 'alertBands');
  return of({ state: LoadingState.Done, series: alerts ? [firingFrame] : [], timeRange: request.range } as PanelData);
});

const panelRunner = (panelId: number) =>
  new SceneQueryRunner({
    datasource: PROMETHEUS,
    queries: [{ refId: 'A', expr: 'vector(1)' }],
    dataLayerFilter: { panelId },
  });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AlertBandsLayer', () => {
  it('puts the bands of one ALERTS query on the panels their alert concerns, build markers on every panel', async () => {
    const runners = {
      errorRatio: panelRunner(BAND_PANEL_IDS.errorRatio),
      latency: panelRunner(BAND_PANEL_IDS.latency),
      other: panelRunner(UNBANDED_PANEL_ID),
    };
    const layer = new AlertBandsLayer('demo', 'checkout', PROMETHEUS);
    const detail = {
      buildJobs: [{ name: 'build-1', state: 'Complete', startedAt: new Date(NOW - 300_000).toISOString() }],
      events: [],
    } as unknown as FunctionDetailResponse;
    const loader: FunctionDetailLoader = {
      namespace: 'demo',
      name: 'checkout',
      get: async () => detail,
      refresh: async () => detail,
    };
    const scene = new EmbeddedScene({
      $timeRange: new SceneTimeRange({ from: 'now-1h', to: 'now' }),
      $data: new SceneDataLayerSet({ layers: [new BuildMarkersLayer(loader), layer] }),
      body: new SceneFlexLayout({
        children: Object.values(runners).map(
          (r) => new SceneFlexItem({ body: new SceneCanvasText({ text: '', $data: r }) })
        ),
      }),
    });
    scene.activate();
    Object.values(runners).forEach((r) => r.activate());
    for (let i = 0; i < 5; i++) {
      await flush();
    }

    const regions = (r: SceneQueryRunner) =>
      (r.state.data?.annotations ?? []).flatMap((f) => f.fields.find((x) => x.name === 'title')?.values ?? []);
    expect(regions(runners.errorRatio).sort()).toEqual(['Build started', `${ALERT_NAMES.highErrorRate} firing`]);
    expect(regions(runners.latency)).toEqual(['Build started']);
    expect(regions(runners.other)).toEqual(['Build started']);
    expect(layer.state.bands).toHaveLength(1);
    expect(requests.filter((r) => r.targets.some((t) => t.refId === 'alertBands'))).toHaveLength(1);
  });
});
