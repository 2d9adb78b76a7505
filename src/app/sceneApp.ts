import { SceneApp } from '@grafana/scenes';

import { makeAlertsPage } from '../pages/Alerts/alertsPage';
import { makeFunctionsPage } from '../pages/Functions/functionsPage';
import { makeOperatorPage } from '../pages/Operator/operatorPage';

import { makeNotFoundPage } from './notFoundPage';
import type { ResolvedPageSettings } from './pageSettings';

export function makeSceneApp(settings: ResolvedPageSettings): SceneApp {
  return new SceneApp({
    pages: [makeFunctionsPage(settings), makeAlertsPage(settings), makeOperatorPage(settings), makeNotFoundPage()],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}
