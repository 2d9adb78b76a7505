import { HttpError } from './http-io';

/** The Prometheus HTTP API reads the Prometheus frontend makes as data-source resource calls. Nothing that writes. */
const READ_ONLY_ENDPOINTS =
  /^api\/v1\/(labels|label\/[^/]+\/values|series|metadata|query_exemplars|format_query|parse_query|status\/buildinfo|rules)$/;

export interface ProxiedResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * Forwards `/api/datasources/uid/prometheus/resources/<subPath>` to Prometheus, as Grafana's Prometheus backend
 * does for its resource routes: same method, query and form body.
 */
export async function proxyPrometheusResource(
  prometheusUrl: string,
  subPath: string,
  method: string,
  search: string,
  body: Buffer,
  contentType: string | undefined
): Promise<ProxiedResponse> {
  if (!READ_ONLY_ENDPOINTS.test(subPath)) {
    throw new HttpError(404, `resource ${subPath} is not served by the host's Prometheus proxy`);
  }
  if (method !== 'GET' && method !== 'POST') {
    throw new HttpError(405, `method ${method} not allowed`);
  }
  const target = `${prometheusUrl.replace(/\/$/, '')}/${subPath}${search}`;
  let res: Response;
  try {
    res = await fetch(target, {
      method,
      headers: contentType ? { 'content-type': contentType } : {},
      body: method === 'POST' ? new Uint8Array(body) : undefined,
    });
  } catch (error) {
    throw new HttpError(502, `Prometheus at ${prometheusUrl} is unreachable: ${(error as Error).message}`);
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? 'application/json',
    body: Buffer.from(await res.arrayBuffer()),
  };
}
