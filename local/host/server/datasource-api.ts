import type { IncomingMessage, ServerResponse } from 'node:http';

import { dataSourceDto, type HostDataSource } from './datasources';
import { handleDsQuery, PROMETHEUS_UID, type DsQueryOptions } from './ds-query';
import { readBody, readJsonBody, sendError, sendJson } from './http-io';
import { proxyPrometheusResource } from './prometheus-resources';

export interface DataSourceApiDeps {
  datasources: HostDataSource[];
  query: DsQueryOptions;
}

async function prometheusResource(
  req: IncomingMessage,
  res: ServerResponse,
  deps: DataSourceApiDeps,
  subPath: string,
  search: string
) {
  const answer = await proxyPrometheusResource(
    deps.query.prometheusUrl,
    subPath,
    req.method ?? 'GET',
    search,
    await readBody(req),
    req.headers['content-type']
  );
  res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': answer.body.length });
  res.end(answer.body);
}

/**
 * `/api/ds/query`, `/api/datasources/uid/:uid`, and the Prometheus resource and proxy reads under
 * `/api/datasources/{uid/prometheus/resources,proxy/uid/prometheus}/…`. `path` is the URL path without the query.
 */
export async function handleDataSourceApi(
  req: IncomingMessage,
  res: ServerResponse,
  deps: DataSourceApiDeps,
  path: string,
  search: string
): Promise<boolean> {
  if (path === '/api/ds/query') {
    if (req.method !== 'POST') {
      sendError(res, 405, 'Method not allowed');
      return true;
    }
    const answer = await handleDsQuery(await readJsonBody(req), deps.query);
    sendJson(res, answer.status, answer.json);
    return true;
  }
  const promRead = new RegExp(
    `^/api/datasources/(?:uid/${PROMETHEUS_UID}/resources|proxy/uid/${PROMETHEUS_UID})/(.+)$`
  ).exec(path);
  if (promRead) {
    await prometheusResource(req, res, deps, promRead[1], search);
    return true;
  }
  const byUid = /^\/api\/datasources\/uid\/([^/]+)$/.exec(path);
  if (byUid && req.method === 'GET') {
    const ds = deps.datasources.find((candidate) => candidate.uid === decodeURIComponent(byUid[1]));
    if (ds) {
      sendJson(res, 200, dataSourceDto(ds));
    } else {
      sendError(res, 404, 'Data source not found');
    }
    return true;
  }
  return false;
}
