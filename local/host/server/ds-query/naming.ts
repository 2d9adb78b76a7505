// Series names and per-query metadata on the frames of one Prometheus response.
// Source: grafana/grafana pkg/promlib/querydata/response.go (addMetadataToMultiFrame, getName,
// metricNameFromLabels, executedQueryString, calculatedMinStep on the first frame). The value field takes
// the `__name__` label as its name (the dataplane shape, always on in current Grafana).
import { formatGoDuration } from './durations';
import type { Field, Frame, Labels } from './frames';

export const LEGEND_AUTO = '__auto';
const LEGEND_TEMPLATE = /\{\{\s*(.+?)\s*\}\}/g;

export interface NamingQuery {
  expr: string;
  legendFormat: string;
  stepMs: number;
}

/** Prometheus's own series notation: name{a="1", b="2"} with labels sorted, or "{}" for none. */
export function metricNameFromLabels(labels: Labels): string {
  const name = labels.__name__;
  const pairs = Object.entries(labels)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .sort();
  if (pairs.length === 0) {
    return name ?? '{}';
  }
  return `${name ?? ''}{${pairs.join(', ')}}`;
}

/** The legend: `__auto` → "" when the series has labels, `{{label}}` templates, else the series notation. */
export function seriesName(query: NamingQuery, labels: Labels): string {
  let legend = metricNameFromLabels(labels);
  if (query.legendFormat === LEGEND_AUTO) {
    if (Object.keys(labels).length > 0) {
      legend = '';
    }
  } else if (query.legendFormat !== '') {
    legend = query.legendFormat.replace(LEGEND_TEMPLATE, (match) => {
      const label = match.replace('{{', '').replace('}}', '').trim();
      return labels[label] ?? '';
    });
  }
  return legend === '{}' ? query.expr : legend;
}

export function executedQueryString(query: NamingQuery): string {
  return `Expr: ${query.expr}\nStep: ${formatGoDuration(query.stepMs)}`;
}

function nameSeries(query: NamingQuery, frame: Frame): void {
  if (frame.fields.length < 2) {
    return;
  }
  const [time, value] = frame.fields as [Field, Field];
  time.config = { interval: Math.trunc(query.stepMs) };
  const name = seriesName(query, value.labels ?? {});
  if (name !== '') {
    value.config = { displayNameFromDS: name };
  }
  if (frame.meta?.type !== 'heatmap-cells' && value.labels?.__name__ !== undefined) {
    value.name = value.labels.__name__;
  }
}

/** Every frame gets names; the first also the executed query and the step (for incremental querying). */
export function addQueryMetadata(query: NamingQuery, frames: Frame[]): void {
  frames.forEach((frame, i) => {
    frame.meta ??= {};
    nameSeries(query, frame);
    if (i === 0) {
      frame.meta.executedQueryString = executedQueryString(query);
      frame.meta.custom = { ...frame.meta.custom, calculatedMinStep: Math.trunc(query.stepMs) };
    }
  });
}
