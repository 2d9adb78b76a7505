// One Prometheus query of a /api/ds/query request: step, variables, the Prometheus calls (instant, then
// range, then exemplars), and the result Grafana returns under its refId.
// Sources: grafana/grafana pkg/promlib/querydata/request.go (fetch, addDataResponse: errors joined, the
// failing call's status; exemplar errors only logged; a failed HTTP call is 502), querydata/response.go
// (parseResponse: 2xx/400/422/503 bodies are read, other statuses are "unexpected response"; an empty
// frame carries the metadata when there is no series), grafana-plugin-sdk-go backend (error source:
// ErrorSourceFromHTTPStatus, network failures are downstream; status 0 is written as 200).
import { convertPrometheusResponse } from './convert';
import { DurationError } from './durations';
import { mergeExemplarFrames } from './exemplars';
import type { Frame } from './frames';
import { interpolateVariables } from './interpolate';
import { addQueryMetadata } from './naming';
import type { PlannedQuery, PromCall, PromReply } from './prometheus-http';
import { callPrometheus, exemplarCall, instantCall, rangeCall } from './prometheus-http';
import type { PromQuery } from './request';
import { calculateStepMs } from './step';

export type ErrorSource = 'plugin' | 'downstream';

export interface DataResult {
  error?: string;
  errorSource?: ErrorSource;
  status: number;
  frames: Frame[];
}

interface Part {
  frames: Frame[];
  error?: string;
  status?: number;
  errorSource?: ErrorSource;
}

const READ_STATUSES = new Set([400, 422, 503]);
const PLUGIN_STATUSES = new Set([405, 406, 412, 413, 416, 417, 426, 431, 414, 501]);
const UNEXPECTED_BODY_LIMIT = 1024;

export function errorSourceFromHttpStatus(status: number): ErrorSource {
  return PLUGIN_STATUSES.has(status) ? 'plugin' : 'downstream';
}

interface Metadata {
  expr: string;
  legendFormat: string;
  stepMs: number;
  exemplar: boolean;
}

function emptyFrameWithMetadata(meta: Metadata): Frame[] {
  const frames: Frame[] = [{ fields: [] }];
  addQueryMetadata(meta, frames);
  return frames;
}

export function parseReply(reply: PromReply, meta: Metadata): Part {
  if (reply.kind === 'network') {
    return { frames: [], error: reply.error, status: 502, errorSource: 'downstream' };
  }
  const readable = (reply.status >= 200 && reply.status < 300) || READ_STATUSES.has(reply.status);
  if (!readable) {
    return {
      frames: emptyFrameWithMetadata(meta),
      error: `unexpected response with status code ${reply.status}: ${reply.body.slice(0, UNEXPECTED_BODY_LIMIT)}`,
      errorSource: errorSourceFromHttpStatus(reply.status),
    };
  }
  let converted;
  try {
    converted = convertPrometheusResponse(JSON.parse(reply.body));
  } catch (error) {
    converted = { frames: [], error: `invalid JSON from Prometheus: ${(error as Error).message}` };
  }
  const frames = converted.frames.length === 0 && !meta.exemplar ? [{ fields: [] }] : converted.frames;
  addQueryMetadata(meta, frames);
  if (converted.error) {
    return { frames, error: converted.error, status: reply.status, errorSource: 'plugin' };
  }
  return { frames: mergeExemplarFrames(frames), status: reply.status };
}

export interface RunOptions {
  prometheusUrl: string;
  scrapeInterval: string;
  call?: (baseUrl: string, call: PromCall) => Promise<PromReply>;
}

export async function runPromQuery(q: PromQuery, opts: RunOptions): Promise<DataResult> {
  const rangeMs = q.toMs - q.fromMs;
  let stepMs: number;
  try {
    stepMs = calculateStepMs({
      minStep: q.minStep,
      scrapeInterval: opts.scrapeInterval,
      intervalMs: q.modelIntervalMs,
      intervalFactor: q.intervalFactor,
      rangeMs,
      maxDataPoints: q.maxDataPoints,
    });
  } catch (error) {
    if (!(error instanceof DurationError)) {
      throw error;
    }
    return { error: error.message, errorSource: 'downstream', status: 500, frames: [] };
  }
  const expr = interpolateVariables(q.expr, {
    queryIntervalMs: q.queryIntervalMs,
    stepMs,
    minStep: q.minStep,
    scrapeInterval: opts.scrapeInterval,
    rangeMs,
  });
  const planned: PlannedQuery = { expr, stepMs, fromMs: q.fromMs, toMs: q.toMs, utcOffsetSec: q.utcOffsetSec };
  const meta: Metadata = { expr, legendFormat: q.legendFormat, stepMs, exemplar: q.exemplar };
  const call = opts.call ?? callPrometheus;
  const result: DataResult = { status: 0, frames: [] };
  const add = (part: Part) => {
    if (part.error) {
      result.error = result.error ? `${result.error} ${part.error}` : part.error;
      result.errorSource = part.errorSource;
      result.status = part.status ?? 500;
    }
    result.frames.push(...part.frames);
  };
  if (q.instant) {
    add(parseReply(await call(opts.prometheusUrl, instantCall(planned)), meta));
  }
  if (q.range) {
    add(parseReply(await call(opts.prometheusUrl, rangeCall(planned)), meta));
  }
  if (q.exemplar) {
    const part = parseReply(await call(opts.prometheusUrl, exemplarCall(planned)), meta);
    result.frames.push(...part.frames);
  }
  result.status ||= 200;
  result.frames.forEach((f) => (f.refId = q.refId));
  return result;
}
