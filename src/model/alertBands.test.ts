import { FieldType, toDataFrame } from '@grafana/data';

import {
  alertBands,
  alertSeriesFromFrames,
  BAND_PANEL_IDS,
  bandAnnotationRows,
  type AlertBand,
  type AlertSeries,
} from './alertBands';
import { ALERT_NAMES } from './alertNames';

const MIN = 60_000;
const at = (...minutes: number[]) => minutes.map((m) => m * MIN);
const series = (labels: Record<string, string>, minutes: number[]): AlertSeries => ({
  labels,
  times: at(...minutes),
  stepMs: MIN,
});

describe('alertBands', () => {
  it.each<[string, AlertSeries[], Array<Partial<AlertBand>>]>([
    [
      'consecutive steps make one period',
      [series({ alertname: ALERT_NAMES.highErrorRate, alertstate: 'firing' }, [1, 2, 3])],
      [{ alertname: ALERT_NAMES.highErrorRate, alertstate: 'firing', time: 1 * MIN, timeEnd: 3 * MIN }],
    ],
    [
      'a gap of more than 1.5 steps starts a new period',
      [series({ alertname: ALERT_NAMES.highLatency, alertstate: 'pending' }, [1, 2, 5, 6])],
      [
        { alertstate: 'pending', time: 1 * MIN, timeEnd: 2 * MIN },
        { alertstate: 'pending', time: 5 * MIN, timeEnd: 6 * MIN },
      ],
    ],
    [
      'burn-rate alerts keep their window pair, in time order with the others',
      [
        series({ alertname: ALERT_NAMES.budgetBurn, alertstate: 'firing', long: '1h', short: '5m' }, [4, 5]),
        series({ alertname: ALERT_NAMES.highColdStartRate, alertstate: 'pending' }, [2]),
      ],
      [
        { alertname: ALERT_NAMES.highColdStartRate, time: 2 * MIN, timeEnd: 2 * MIN },
        { alertname: ALERT_NAMES.budgetBurn, pair: '1h/5m', time: 4 * MIN, timeEnd: 5 * MIN },
      ],
    ],
    [
      'alerts no panel shows, and inactive states, are left out',
      [
        series({ alertname: ALERT_NAMES.metricsMissing, alertstate: 'firing' }, [1]),
        series({ alertname: ALERT_NAMES.highErrorRate, alertstate: 'inactive' }, [1]),
      ],
      [],
    ],
  ])('%s', (_case, input, expected) => {
    const bands = alertBands(input);
    expect(bands).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(bands[i]).toMatchObject(e));
  });

  it('infers the step from the samples when the frame does not carry it', () => {
    const bands = alertBands([
      { labels: { alertname: ALERT_NAMES.highErrorRate, alertstate: 'firing' }, times: at(0, 2, 4, 10) },
    ]);
    expect(bands.map((b) => [b.time, b.timeEnd])).toEqual([
      [0, 4 * MIN],
      [10 * MIN, 10 * MIN],
    ]);
  });
});

describe('alertSeriesFromFrames', () => {
  it('reads labels, the step and the present samples of a Prometheus range frame', () => {
    const frame = toDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: at(1, 2, 3), config: { interval: MIN } },
        {
          name: 'Value',
          type: FieldType.number,
          values: [1, null, 1],
          labels: { alertname: ALERT_NAMES.highErrorRate, alertstate: 'firing' },
        },
      ],
    });
    expect(alertSeriesFromFrames([frame])).toEqual([
      { labels: { alertname: ALERT_NAMES.highErrorRate, alertstate: 'firing' }, times: at(1, 3), stepMs: MIN },
    ]);
  });
});

describe('bandAnnotationRows', () => {
  it('makes red firing and orange pending regions, each filtered to the panels of its alert', () => {
    const rows = bandAnnotationRows([
      { alertname: ALERT_NAMES.highErrorRate, alertstate: 'firing', time: 1, timeEnd: 2 },
      { alertname: ALERT_NAMES.highLatency, alertstate: 'pending', time: 3, timeEnd: 4 },
      { alertname: ALERT_NAMES.highColdStartRate, alertstate: 'firing', time: 5, timeEnd: 6 },
    ]);
    expect(rows.map((r) => [r.isRegion, r.color, r.source.filter])).toEqual([
      [true, '#F2495C', { exclude: false, ids: [BAND_PANEL_IDS.errorRatio, BAND_PANEL_IDS.budget] }],
      [true, '#FF9830', { exclude: false, ids: [BAND_PANEL_IDS.latency] }],
      [true, '#F2495C', { exclude: false, ids: [BAND_PANEL_IDS.coldStarts] }],
    ]);
    expect(rows[0]).toMatchObject({ time: 1, timeEnd: 2, title: `${ALERT_NAMES.highErrorRate} firing` });
  });
});
