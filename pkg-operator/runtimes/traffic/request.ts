import { randomBytes, randomUUID } from 'node:crypto';

export type EventMode = 'plain' | 'binary' | 'structured';

export interface TracedRequest {
  traceId: string;
  init: RequestInit;
}

/** One POST in the given CloudEvents mode, carrying a fresh W3C traceparent. */
export function tracedRequest(mode: EventMode, data: unknown, signal: AbortSignal): TracedRequest {
  const traceId = randomBytes(16).toString('hex');
  const headers: Record<string, string> = { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
  const event = {
    specversion: '1.0',
    id: randomUUID(),
    source: 'io.knative.lambda/traffic-generator',
    type: 'io.knative.lambda.invoke.sync',
  };
  let body = JSON.stringify(data);
  if (mode === 'binary') {
    for (const [name, value] of Object.entries(event)) {
      headers[`ce-${name}`] = value;
    }
    headers['content-type'] = 'application/json';
  } else if (mode === 'structured') {
    headers['content-type'] = 'application/cloudevents+json';
    body = JSON.stringify({ ...event, datacontenttype: 'application/json', data });
  } else {
    headers['content-type'] = 'application/json';
  }
  return { traceId, init: { method: 'POST', headers, body, signal } };
}
