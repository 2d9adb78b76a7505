import { EmbeddedScene, SceneDataLayerSet, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';

import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import type { ResolvedPageSettings } from '../../app/pageSettings';
import { panelItem } from '../../panels/timeseriesPanel';
import { overviewPanels } from '../../queries/functionOverview';
import { pageChrome } from '../sceneControls';

import { AlertBandsLayer } from './AlertBandsLayer';
import { AlertBandsList } from './AlertBandsList';
import { BuildMarkersLayer } from './BuildMarkersLayer';
import { BuildMarkersList } from './BuildMarkersList';

const row = (...children: Array<ReturnType<typeof panelItem>>) => new SceneFlexLayout({ direction: 'row', children });

/** RED, cold vs warm and saturation of one function: build markers on every graph, alert bands where they apply. */
export function overviewScene(loader: FunctionDetailLoader, settings: ResolvedPageSettings): EmbeddedScene {
  const p = overviewPanels(loader.namespace, loader.name);
  const alertBands = new AlertBandsLayer(loader.namespace, loader.name);
  return new EmbeddedScene({
    ...pageChrome(settings),
    $data: new SceneDataLayerSet({ layers: [new BuildMarkersLayer(loader), alertBands] }),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ body: new BuildMarkersList({ loader }) }),
        new SceneFlexItem({ body: new AlertBandsList({ layer: alertBands }) }),
        row(panelItem(p.invocations), panelItem(p.errorRatio)),
        row(panelItem(p.latency), panelItem(p.coldStarts)),
        row(panelItem(p.inFlight), panelItem(p.replicas), panelItem(p.memory)),
      ],
    }),
  });
}
