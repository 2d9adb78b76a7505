// Reads a /api/ds/query body into the Prometheus queries it asks for, with Grafana's defaults.
// Sources: grafana/grafana pkg/api/dtos MetricRequest, pkg/services/query/query.go (refId "A",
// maxDataPoints 100, intervalMs 1000, from/to of the request), grafana-plugin-sdk-go backend/gtime
// time_range.go ("now", "now-6h", epoch milliseconds), pkg/promlib/models/query.go (QueryModel fields;
// neither range nor instant means range).
import type { DurationError } from './durations';
import { parseDuration } from './durations';

export interface PromQuery {
  refId: string;
  expr: string;
  /** `interval`: the min step, possibly a variable */
  minStep: string;
  /** `intervalMs` as the query model has it (0 when absent) */
  modelIntervalMs: number;
  /** DataQuery.Interval: `intervalMs`, default 1000 */
  queryIntervalMs: number;
  maxDataPoints: number;
  intervalFactor: number;
  legendFormat: string;
  instant: boolean;
  range: boolean;
  exemplar: boolean;
  utcOffsetSec: number;
  fromMs: number;
  toMs: number;
}

export interface RequestedQuery {
  datasourceUid: string | undefined;
  model: Record<string, unknown>;
}

export class BadRequest extends Error {}

export function parseGrafanaTime(value: unknown, nowMs: number): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || text === '') {
    throw new BadRequest(`invalid time ${JSON.stringify(value)}: expected epoch milliseconds or now[-<duration>]`);
  }
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const relative = /^now(?:([-+])(.+))?$/.exec(text);
  if (relative) {
    try {
      const offset = relative[2] ? parseDuration(relative[2]) : 0;
      return relative[1] === '-' ? nowMs - offset : nowMs + offset;
    } catch (error) {
      throw new BadRequest(`invalid time ${JSON.stringify(text)}: ${(error as DurationError).message}`);
    }
  }
  throw new BadRequest(`invalid time ${JSON.stringify(text)}: expected epoch milliseconds or now[-<duration>]`);
}

/** The uid of a query's data source: `datasource.uid`, or the pre-8.3 plain string. */
function datasourceUid(model: Record<string, unknown>): string | undefined {
  const ds = model.datasource;
  if (typeof ds === 'string') {
    return ds;
  }
  if (ds && typeof ds === 'object' && typeof (ds as { uid?: unknown }).uid === 'string') {
    return (ds as { uid: string }).uid;
  }
  return undefined;
}

export function requestedQueries(body: unknown): { queries: RequestedQuery[]; from: unknown; to: unknown } {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { queries?: unknown }).queries)) {
    throw new BadRequest('bad request data: expected {"queries": [...], "from": ..., "to": ...}');
  }
  const { queries, from, to } = body as { queries: unknown[]; from?: unknown; to?: unknown };
  if (queries.length === 0) {
    throw new BadRequest('No queries found');
  }
  return {
    from,
    to,
    queries: queries.map((q, i) => {
      if (!q || typeof q !== 'object' || Array.isArray(q)) {
        throw new BadRequest(`bad request data: query ${i} is not an object`);
      }
      const model = q as Record<string, unknown>;
      return { datasourceUid: datasourceUid(model), model };
    }),
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function toPromQuery(model: Record<string, unknown>, fromMs: number, toMs: number): PromQuery {
  const instant = model.instant === true;
  const range = model.range === true || !instant;
  return {
    refId: str(model.refId) || 'A',
    expr: str(model.expr),
    minStep: str(model.interval),
    modelIntervalMs: num(model.intervalMs, 0),
    queryIntervalMs: num(model.intervalMs, 1000),
    maxDataPoints: num(model.maxDataPoints, 100),
    intervalFactor: num(model.intervalFactor, 0),
    legendFormat: str(model.legendFormat),
    instant,
    range,
    exemplar: model.exemplar === true,
    utcOffsetSec: num(model.utcOffsetSec, 0),
    fromMs,
    toMs,
  };
}
