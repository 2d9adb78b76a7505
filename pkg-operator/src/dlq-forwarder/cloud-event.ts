// A dead-lettered CloudEvent as Knative delivers it over HTTP, in binary mode (attributes in `ce-*` headers,
// data in the body) or structured mode (`application/cloudevents+json`). Both decode to the same shape, so the
// forwarder stores every event the same way.
import type { IncomingHttpHeaders } from 'node:http';

export interface DeadLetter {
  /** context attributes and extensions (Knative adds knativeerrorcode, knativeerrordest, knativeerrordata) */
  attributes: Record<string, string>;
  data: Buffer;
}

export type Decoded = { event: DeadLetter } | { error: string };

const REQUIRED = ['specversion', 'id', 'source', 'type'] as const;
const STRUCTURED = /^application\/cloudevents\+json\b/i;
const BATCH = /^application\/cloudevents-batch\+json\b/i;
const JSON_CONTENT = /^application\/(?:[\w.+-]+\+)?json\b/i;

function missing(attributes: Record<string, string>): Decoded | undefined {
  const absent = REQUIRED.filter((name) => !attributes[name]);
  return absent.length > 0 ? { error: `not a CloudEvent: missing ${absent.join(', ')}` } : undefined;
}

function decodeBinary(headers: IncomingHttpHeaders, body: Buffer): Decoded {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('ce-') && typeof value === 'string') {
      attributes[name.slice(3)] = value;
    }
  }
  if (headers['content-type']) {
    attributes.datacontenttype = headers['content-type'];
  }
  return missing(attributes) ?? { event: { attributes, data: body } };
}

function structuredData(event: Record<string, unknown>, contentType: string | undefined): Buffer {
  if (typeof event.data_base64 === 'string') {
    return Buffer.from(event.data_base64, 'base64');
  }
  if (event.data === undefined) {
    return Buffer.alloc(0);
  }
  if (typeof event.data === 'string' && contentType !== undefined && !JSON_CONTENT.test(contentType)) {
    return Buffer.from(event.data, 'utf8');
  }
  return Buffer.from(JSON.stringify(event.data), 'utf8');
}

function decodeStructured(body: Buffer): Decoded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return { error: `structured CloudEvent is not valid JSON: ${(err as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: 'structured CloudEvent must be a JSON object' };
  }
  const event = parsed as Record<string, unknown>;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(event)) {
    if (name !== 'data' && name !== 'data_base64' && value !== null && typeof value !== 'object') {
      attributes[name] = String(value);
    }
  }
  return missing(attributes) ?? { event: { attributes, data: structuredData(event, attributes.datacontenttype) } };
}

export function decodeCloudEvent(headers: IncomingHttpHeaders, body: Buffer): Decoded {
  const contentType = headers['content-type'] ?? '';
  if (BATCH.test(contentType)) {
    return { error: 'batched CloudEvents are not accepted; send one event per request' };
  }
  return STRUCTURED.test(contentType) ? decodeStructured(body) : decodeBinary(headers, body);
}
