import { by } from '../../rules/promql';
import { BAND_PANELS_OF_ALERT } from '../model/alertBands';
import { ALERTS_SERIES } from '../model/alertNames';

import { fnSelector } from './functionSelector';
import { escapeRegex, rangeQuery, type PromQuery } from './promQuery';

/** The one ALERTS range query of a detail tab: every banded alert's pending and firing periods of one function. */
export function alertBandsQuery(namespace: string, name: string): PromQuery {
  const names = Object.keys(BAND_PANELS_OF_ALERT).map(escapeRegex).join('|');
  const alerts = fnSelector(ALERTS_SERIES, namespace, name, {
    'alertstate=~': 'firing|pending',
    'alertname=~': names,
  });
  return rangeQuery('alertBands', `max ${by(['alertname', 'alertstate', 'long', 'short'])} (${alerts})`);
}
