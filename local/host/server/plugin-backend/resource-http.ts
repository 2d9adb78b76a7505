// What Grafana does around CallResource for an app: the request headers it forwards, the headers it adds to
// the answer, the 404 for a disabled app, and its errors when the plugin cannot answer.
// Sources: grafana/grafana pkg/api/plugin_resource.go + pkg/util/proxyutil/proxyutil.go (PrepareProxyRequest:
// Referer → X-Grafana-Referer, Origin/Referer/X-Forwarded-Host/Port/Proto removed), clientmiddleware
// (Authorization and X-Grafana-Device-Id cleared, no Cookie for apps since grafana#88663, X-Grafana-User),
// pkg/api/plugin_checks.go (disabled app → 404 "Plugin is not enabled"), ResourceResponseMiddleware
// (Content-Security-Policy: sandbox), pkg/plugins/errors.go (plugin.unavailable, plugin.notImplemented).
import * as grpc from '@grpc/grpc-js';

import type { HostUser, ResourceResponse } from './types';

const DROPPED = new Set([
  'Authorization',
  'Cookie',
  'Origin',
  'Referer',
  'X-Forwarded-Host',
  'X-Forwarded-Port',
  'X-Forwarded-Proto',
  'X-Grafana-Device-Id',
]);

/** Go's textproto.CanonicalMIMEHeaderKey: "content-type" → "Content-Type". */
export function canonicalHeaderKey(key: string): string {
  return key
    .toLowerCase()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

export function forwardedResourceHeaders(incoming: Record<string, string[]>, user: HostUser): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(incoming)) {
    const canonical = canonicalHeaderKey(key);
    headers[canonical] = [...(headers[canonical] ?? []), ...values];
  }
  const referer = headers.Referer;
  for (const key of DROPPED) {
    delete headers[key];
  }
  if (referer) {
    headers['X-Grafana-Referer'] = referer;
  }
  headers['X-Grafana-User'] = [user.login];
  return headers;
}

export function withResponseHeaders(answer: ResourceResponse): ResourceResponse {
  return { ...answer, headers: { ...answer.headers, 'Content-Security-Policy': ['sandbox'] } };
}

export function jsonError(status: number, messageId: string, message: string, detail?: string): ResourceResponse {
  return {
    status,
    headers: { 'Content-Type': ['application/json'] },
    body: Buffer.from(JSON.stringify({ message, messageId, statusCode: status, ...(detail ? { error: detail } : {}) })),
  };
}

export const notEnabled = (): ResourceResponse => jsonError(404, 'plugin.notEnabled', 'Plugin is not enabled');

export const unavailable = (detail: string): ResourceResponse =>
  jsonError(503, 'plugin.unavailable', 'Plugin unavailable', detail);

/** A gRPC failure of CallResource: UNIMPLEMENTED → 501; a dropped process or connection → 503; else 502. */
export function callFailure(error: unknown): ResourceResponse {
  const code = (error as { code?: number }).code;
  const detail = (error as Error).message;
  if (code === grpc.status.UNIMPLEMENTED) {
    return jsonError(501, 'plugin.notImplemented', 'Not implemented', detail);
  }
  if (code === grpc.status.UNAVAILABLE || code === grpc.status.CANCELLED) {
    return unavailable(detail);
  }
  return jsonError(502, 'plugin.requestFailureError', 'Failed to call resource', detail);
}
