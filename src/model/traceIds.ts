import type { DataFrame } from '@grafana/data';

export interface TraceRef {
  traceId: string;
  time?: number;
  value?: number;
}

const TRACE_FIELDS = ['trace_id', 'traceID', 'traceId'];

/** Trace ids carried by exemplar frames (the Prometheus datasource returns them as frames with a trace_id field). */
export function traceIdsFromFrames(frames: DataFrame[]): TraceRef[] {
  const refs: TraceRef[] = [];
  for (const frame of frames) {
    const idField = frame.fields.find((f) => TRACE_FIELDS.includes(f.name));
    if (!idField) {
      continue;
    }
    const time = frame.fields.find((f) => f.type === 'time');
    const value = frame.fields.find((f) => f.type === 'number');
    for (let i = 0; i < frame.length; i++) {
      refs.push({ traceId: String(idField.values[i]), time: time?.values[i], value: value?.values[i] });
    }
  }
  const seen = new Set<string>();
  return refs
    .filter((r) => r.traceId && !seen.has(r.traceId) && seen.add(r.traceId))
    .sort((a, b) => (b.time ?? 0) - (a.time ?? 0));
}

export function tempoTraceUrl(tempoUid: string, traceId: string): string {
  const pane = {
    datasource: tempoUid,
    queries: [{ refId: 'A', queryType: 'traceql', query: traceId, datasource: { type: 'tempo', uid: tempoUid } }],
    range: { from: 'now-1h', to: 'now' },
  };
  return `/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(JSON.stringify({ trace: pane }))}`;
}
