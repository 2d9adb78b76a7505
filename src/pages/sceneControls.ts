import {
  SceneControlsSpacer,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariableSet,
  VariableValueSelectors,
  type SceneObject,
  type SceneVariable,
} from '@grafana/scenes';

import type { ResolvedPageSettings } from '../app/pageSettings';
import { makeDatasourceVariable } from '../variables/variables';

/** Variables, time range and controls every page shares; extra variables come after the datasource. */
export function pageChrome(settings: ResolvedPageSettings, extra: SceneVariable[] = [], from = 'now-1h') {
  const controls: SceneObject[] = [
    new VariableValueSelectors({}),
    new SceneControlsSpacer(),
    new SceneTimePicker({ isOnCanvas: true }),
    new SceneRefreshPicker({ isOnCanvas: true, intervals: ['30s', '1m', '5m'] }),
  ];
  return {
    $variables: new SceneVariableSet({ variables: [makeDatasourceVariable(settings.prometheusUid), ...extra] }),
    $timeRange: new SceneTimeRange({ from, to: 'now' }),
    controls,
  };
}
