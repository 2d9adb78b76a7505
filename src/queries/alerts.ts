import { by, selector } from '../../rules/promql';
import { ALERTS_SERIES, PRODUCT_ALERT_REGEX } from '../model/alertNames';

import type { PromQuery } from './promQuery';
import { instantQuery } from './promQuery';

export const ALERT_STATE_LABELS = [
  'alertname',
  'alertstate',
  'severity',
  'namespace',
  'function',
  'long',
  'short',
] as const;

/** One instant query for the state of every product alert, whatever the number of rules and functions. */
export function alertStateQueries(): PromQuery[] {
  return [
    instantQuery(
      'alerts',
      `max ${by(ALERT_STATE_LABELS)} (${selector(ALERTS_SERIES, { 'alertname=~': PRODUCT_ALERT_REGEX })})`
    ),
  ];
}
