// The three Prometheus HTTP API calls Grafana's backend makes for a query, form-encoded POSTs (the data
// source's default httpMethod). Source: grafana/grafana pkg/promlib/client/client.go (QueryRange with
// start/end aligned to the step, QueryInstant at the unaligned end, QueryExemplars; times and step as
// decimal seconds) and querydata/request.go (60 s query timeout).
import { alignToStep } from './step';

export const QUERY_TIMEOUT_MS = 60_000;

export type PromEndpoint = 'query_range' | 'query' | 'query_exemplars';

export interface PromCall {
  endpoint: PromEndpoint;
  params: Record<string, string>;
}

export type PromReply = { kind: 'http'; status: number; body: string } | { kind: 'network'; error: string };

export interface PlannedQuery {
  expr: string;
  stepMs: number;
  fromMs: number;
  toMs: number;
  utcOffsetSec: number;
}

/** strconv.FormatFloat(seconds, 'f', -1, 64): the shortest decimal. */
const seconds = (ms: number): string => String(ms / 1000);

/** The range Grafana asks for: start and end floored to the step (in the viewer's UTC offset). */
function alignedWindow(q: PlannedQuery): { start: string; end: string } {
  return {
    start: seconds(alignToStep(q.fromMs, q.stepMs, q.utcOffsetSec)),
    end: seconds(alignToStep(q.toMs, q.stepMs, q.utcOffsetSec)),
  };
}

export function rangeCall(q: PlannedQuery): PromCall {
  return { endpoint: 'query_range', params: { query: q.expr, ...alignedWindow(q), step: seconds(q.stepMs) } };
}

export function instantCall(q: PlannedQuery): PromCall {
  return { endpoint: 'query', params: { query: q.expr, time: seconds(q.toMs) } };
}

export function exemplarCall(q: PlannedQuery): PromCall {
  return { endpoint: 'query_exemplars', params: { query: q.expr, ...alignedWindow(q) } };
}

export async function callPrometheus(baseUrl: string, call: PromCall): Promise<PromReply> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/${call.endpoint}`;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(call.params).toString(),
      signal: AbortSignal.timeout(QUERY_TIMEOUT_MS),
    });
    return { kind: 'http', status: response.status, body: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    return { kind: 'network', error: `Post ${JSON.stringify(url)}: ${cause}` };
  }
}
