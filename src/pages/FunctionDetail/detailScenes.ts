import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneQueryRunner } from '@grafana/scenes';

import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import type { ResolvedPageSettings } from '../../app/pageSettings';
import { panelItem } from '../../panels/timeseriesPanel';
import { buildDurationPanel } from '../../queries/builds';
import { overviewPanels } from '../../queries/functionOverview';
import { PROMETHEUS_DS } from '../../variables/variables';
import { pageChrome } from '../sceneControls';

import { BuildsTable } from './BuildsTable';
import { KubernetesTab } from './KubernetesTab';
import { TraceIds } from './TraceIds';

export function buildsScene(loader: FunctionDetailLoader, settings: ResolvedPageSettings): EmbeddedScene {
  return new EmbeddedScene({
    ...pageChrome(settings, [], 'now-24h'),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [new SceneFlexItem({ body: new BuildsTable({ loader }) }), panelItem(buildDurationPanel())],
    }),
  });
}

export function kubernetesScene(loader: FunctionDetailLoader, settings: ResolvedPageSettings): EmbeddedScene {
  return new EmbeddedScene({
    ...pageChrome(settings),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        panelItem(overviewPanels(loader.namespace, loader.name).replicas, 200),
        new SceneFlexItem({ body: new KubernetesTab({ loader }) }),
      ],
    }),
  });
}

export function tracesScene(loader: FunctionDetailLoader, settings: ResolvedPageSettings): EmbeddedScene {
  const latency = overviewPanels(loader.namespace, loader.name).latency;
  const exemplarQuery = latency.queries.filter((q) => q.exemplar);
  return new EmbeddedScene({
    ...pageChrome(settings),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        panelItem(latency, 300),
        new SceneFlexItem({
          body: new TraceIds({
            tempoUid: settings.tempoUid,
            $data: new SceneQueryRunner({ datasource: PROMETHEUS_DS, queries: exemplarQuery }),
          }),
        }),
      ],
    }),
  });
}
