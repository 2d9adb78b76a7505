// POST /api/ds/query for the host's Prometheus data source (uid `prometheus`), translated to Prometheus's
// HTTP API with Grafana's server-side semantics. The rules and their Grafana sources: README.md here.
// Response: {results: {<refId>: {error?, errorSource?, status, frames}}}; HTTP 400 when any result has an
// error, else 200 (grafana/grafana pkg/api/ds_query.go toJsonStreamingResponse).
import { frameToJSON } from './frames';
import { BadRequest, parseGrafanaTime, requestedQueries, toPromQuery } from './request';
import type { DataResult } from './run-query';
import { runPromQuery } from './run-query';

export interface DsQueryOptions {
  prometheusUrl: string;
  tempoUrl?: string;
  /** the Prometheus data source's jsonData.timeInterval (its scrape interval); empty = Grafana's 15 s default */
  prometheusTimeInterval?: string;
  /** clock for relative times ("now-1h"); tests pin it */
  now?: () => number;
}

export const PROMETHEUS_UID = 'prometheus';
export const TEMPO_UID = 'tempo';
const EXPRESSION_UIDS = new Set(['__expr__', '-100']);

type Reply = { status: number; json: unknown };

const message = (status: number, text: string): Reply => ({ status, json: { message: text } });

function resultJSON(r: DataResult): unknown {
  return {
    ...(r.error !== undefined ? { error: r.error, errorSource: r.errorSource ?? 'plugin' } : {}),
    status: r.status,
    frames: r.frames.map(frameToJSON),
  };
}

function unsupported(refId: string, text: string): [string, DataResult] {
  return [refId, { error: text, errorSource: 'plugin', status: 501, frames: [] }];
}

export async function handleDsQuery(body: unknown, opts: DsQueryOptions): Promise<Reply> {
  let parsed;
  let fromMs: number;
  let toMs: number;
  try {
    parsed = requestedQueries(body);
    const now = (opts.now ?? Date.now)();
    fromMs = parseGrafanaTime(parsed.from, now);
    toMs = parseGrafanaTime(parsed.to, now);
  } catch (error) {
    if (error instanceof BadRequest) {
      return message(400, error.message);
    }
    throw error;
  }
  const uids = new Set(parsed.queries.map((q) => q.datasourceUid));
  if (uids.has(undefined)) {
    return message(400, 'Query missing data source ID/UID');
  }
  if ([...uids].some((uid) => EXPRESSION_UIDS.has(uid!))) {
    return message(400, 'Server-side expressions (__expr__) are not evaluated by the local host');
  }
  const unknown = [...uids].find((uid) => uid !== PROMETHEUS_UID && uid !== TEMPO_UID);
  if (unknown !== undefined) {
    return message(404, 'Data source not found');
  }
  if (uids.size > 1) {
    return message(400, 'All queries must use the same datasource');
  }
  const entries = await Promise.all(
    parsed.queries.map(async ({ datasourceUid, model }): Promise<[string, DataResult]> => {
      const query = toPromQuery(model, fromMs, toMs);
      if (datasourceUid === TEMPO_UID) {
        return unsupported(query.refId, 'Tempo queries are not translated by the local host (only Prometheus is)');
      }
      return [
        query.refId,
        await runPromQuery(query, {
          prometheusUrl: opts.prometheusUrl,
          scrapeInterval: opts.prometheusTimeInterval ?? '',
        }),
      ];
    })
  );
  const results = Object.fromEntries(entries.map(([refId, r]) => [refId, resultJSON(r)]));
  const failed = entries.some(([, r]) => r.error !== undefined);
  return { status: failed ? 400 : 200, json: { results } };
}
