import type { DataFrame } from '@grafana/data';

import { ALERT_NAMES } from './alertNames';

/** Panel ids the scene's annotation filter matches: alert bands go only to the panels their alert concerns. */
export const BAND_PANEL_IDS = { errorRatio: 1, latency: 2, coldStarts: 3, budget: 4 } as const;
/** Every other time series of the detail tabs: it gets build markers, no alert band. */
export const UNBANDED_PANEL_ID = 100;

/** Which panels draw each alert's pending and firing periods. */
export const BAND_PANELS_OF_ALERT: Record<string, number[]> = {
  [ALERT_NAMES.highErrorRate]: [BAND_PANEL_IDS.errorRatio, BAND_PANEL_IDS.budget],
  [ALERT_NAMES.budgetBurn]: [BAND_PANEL_IDS.errorRatio, BAND_PANEL_IDS.budget],
  [ALERT_NAMES.highLatency]: [BAND_PANEL_IDS.latency],
  [ALERT_NAMES.highColdStartRate]: [BAND_PANEL_IDS.coldStarts],
};

export type BandState = 'firing' | 'pending';

export interface AlertBand {
  alertname: string;
  alertstate: BandState;
  /** the burn-rate pair (long/short) when the alert has one */
  pair?: string;
  time: number;
  timeEnd: number;
}

/** One ALERTS series of a range query: its labels and the times it was present. */
export interface AlertSeries {
  labels: Record<string, string>;
  times: number[];
  stepMs?: number;
}

const COLORS: Record<BandState, string> = { firing: '#F2495C', pending: '#FF9830' };

/** The ALERTS series in the frames of a range query; absent steps (null or NaN) are left out. */
export function alertSeriesFromFrames(frames: DataFrame[]): AlertSeries[] {
  return frames.flatMap((frame) => {
    const time = frame.fields.find((f) => f.type === 'time');
    const value = frame.fields.find((f) => f.type === 'number');
    if (!time || !value) {
      return [];
    }
    const times = time.values.filter((_t, i) => value.values[i] !== null && !Number.isNaN(value.values[i]));
    return [{ labels: value.labels ?? {}, times: times as number[], stepMs: time.config.interval ?? undefined }];
  });
}

function smallestGap(times: number[]): number {
  let gap = Infinity;
  for (let i = 1; i < times.length; i++) {
    gap = Math.min(gap, times[i] - times[i - 1]);
  }
  return gap;
}

/** Consecutive steps of one series, merged into periods: a gap longer than 1.5 steps starts a new period. */
function periods(times: number[], stepMs?: number): Array<[number, number]> {
  const sorted = [...times].sort((a, b) => a - b);
  const step = stepMs ?? smallestGap(sorted);
  const out: Array<[number, number]> = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last && t - last[1] <= 1.5 * step) {
      last[1] = t;
    } else {
      out.push([t, t]);
    }
  }
  return out;
}

/** The pending and firing periods of the alerts the detail panels show, in time order. */
export function alertBands(series: AlertSeries[]): AlertBand[] {
  const bands = series.flatMap(({ labels, times, stepMs }) => {
    const state = labels.alertstate;
    if ((state !== 'firing' && state !== 'pending') || !(labels.alertname in BAND_PANELS_OF_ALERT)) {
      return [];
    }
    const pair = labels.long && labels.short ? `${labels.long}/${labels.short}` : undefined;
    return periods(times, stepMs).map(([time, timeEnd]) => ({
      alertname: labels.alertname,
      alertstate: state as BandState,
      ...(pair ? { pair } : {}),
      time,
      timeEnd,
    }));
  });
  return bands.sort((a, b) => a.time - b.time || a.alertname.localeCompare(b.alertname));
}

export function bandLabel(band: AlertBand): string {
  return `${band.alertname}${band.pair ? ` ${band.pair}` : ''} ${band.alertstate}`;
}

/** Region annotations of the bands, each kept (by the scene's panel filter) to the panels its alert concerns. */
export function bandAnnotationRows(bands: AlertBand[]) {
  return bands.map((band) => ({
    time: band.time,
    timeEnd: band.timeEnd,
    isRegion: true,
    title: bandLabel(band),
    text: `${band.alertname} ${band.alertstate}`,
    color: COLORS[band.alertstate],
    source: { type: 'alerts', filter: { exclude: false, ids: BAND_PANELS_OF_ALERT[band.alertname] } },
  }));
}

export function bandColor(state: BandState): string {
  return COLORS[state];
}
