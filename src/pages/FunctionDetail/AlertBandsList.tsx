import { dateTimeFormat } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Text } from '@grafana/ui';
import React from 'react';

import { bandColor, bandLabel } from '../../model/alertBands';
import { testIds } from '../../testIds';

import type { AlertBandsLayer } from './AlertBandsLayer';

const time = (ms: number) => dateTimeFormat(ms, { format: 'HH:mm:ss' });

/** The alert bands of the time range as text, next to their regions on the graphs. */
export class AlertBandsList extends SceneObjectBase<SceneObjectState & { layer: AlertBandsLayer }> {
  static Component = AlertBandsListRenderer;
}

function AlertBandsListRenderer({ model }: SceneComponentProps<AlertBandsList>) {
  const { layer } = model.useState();
  const { bands } = layer.useState();
  const error = layer.state.$data.useState().data?.errors?.[0]?.message;
  return (
    <div data-testid={testIds.overview.alertBands}>
      <Text color="secondary">
        Alerts pending or firing in this range:{' '}
        {error
          ? `unknown (${error})`
          : bands.length === 0
            ? 'none'
            : bands.map((b) => (
                <span
                  key={`${b.time}-${bandLabel(b)}`}
                  data-band={`${b.alertname} ${b.alertstate}`}
                  style={{ marginRight: 12, color: bandColor(b.alertstate) }}
                >
                  {time(b.time)}–{time(b.timeEnd)} {bandLabel(b)}
                </span>
              ))}
      </Text>
    </div>
  );
}
