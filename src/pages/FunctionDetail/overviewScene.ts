import { EmbeddedScene, SceneDataLayerSet, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';

import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import type { ResolvedPageSettings } from '../../app/pageSettings';
import { panelItem } from '../../panels/timeseriesPanel';
import { overviewPanels } from '../../queries/functionOverview';
import { pageChrome } from '../sceneControls';

import { BuildMarkersLayer } from './BuildMarkersLayer';
import { BuildMarkersList } from './BuildMarkersList';

const row = (...children: Array<ReturnType<typeof panelItem>>) => new SceneFlexLayout({ direction: 'row', children });

/** RED, cold vs warm, saturation and alert state of one function, with build markers on every graph. */
export function overviewScene(loader: FunctionDetailLoader, settings: ResolvedPageSettings): EmbeddedScene {
  const p = overviewPanels(loader.namespace, loader.name);
  return new EmbeddedScene({
    ...pageChrome(settings),
    $data: new SceneDataLayerSet({ layers: [new BuildMarkersLayer(loader)] }),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ body: new BuildMarkersList({ loader }) }),
        row(panelItem(p.alertState, 160)),
        row(panelItem(p.invocations), panelItem(p.errorRatio)),
        row(panelItem(p.latency), panelItem(p.coldStarts)),
        row(panelItem(p.inFlight), panelItem(p.replicas), panelItem(p.memory)),
      ],
    }),
  });
}
