import type { IncomingHttpHeaders } from 'node:http';

import { InvocationFailure, messageOf } from './failure';

/** CloudEvents context attributes of the request (lower-case names, extensions included). */
export type EventAttributes = Record<string, string>;

export interface DecodedRequest {
  data: unknown;
  /** Absent for a plain JSON request. */
  event?: EventAttributes;
}

const REQUIRED = ['id', 'source', 'type'] as const;
const STRUCTURED = 'application/cloudevents+json';
const BATCH = 'application/cloudevents-batch+json';

function invalid(message: string): InvocationFailure {
  return new InvocationFailure('validation', message);
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function isJson(type: string): boolean {
  return type === '' || type === 'application/json' || type === 'text/json' || type.endsWith('+json');
}

function parseJson(body: Buffer, what: string): unknown {
  if (body.length === 0) {
    return null;
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalid(`${what} is not valid JSON (${messageOf(error)})`);
  }
}

function checkAttributes(attributes: EventAttributes): EventAttributes {
  if (attributes.specversion !== '1.0') {
    throw invalid(`unsupported CloudEvents specversion ${JSON.stringify(attributes.specversion)} (want "1.0")`);
  }
  const missing = REQUIRED.filter((name) => !attributes[name]);
  if (missing.length > 0) {
    throw invalid(`CloudEvent is missing required attribute(s): ${missing.join(', ')}`);
  }
  return attributes;
}

function decodeBinary(headers: IncomingHttpHeaders, body: Buffer): DecodedRequest {
  const attributes: EventAttributes = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('ce-') && value !== undefined) {
      attributes[name.slice(3)] = Array.isArray(value) ? value.join(',') : value;
    }
  }
  const type = mediaType(headers['content-type']);
  if (type) {
    attributes.datacontenttype = type;
  }
  const data = isJson(type) ? parseJson(body, 'event data') : body.toString('utf8');
  return { data, event: checkAttributes(attributes) };
}

function decodeStructured(body: Buffer): DecodedRequest {
  const envelope = parseJson(body, 'structured CloudEvent');
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw invalid('structured CloudEvent must be a JSON object');
  }
  const { data, data_base64: dataBase64, ...rest } = envelope as Record<string, unknown>;
  const attributes: EventAttributes = {};
  for (const [name, value] of Object.entries(rest)) {
    attributes[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const decoded = typeof dataBase64 === 'string' ? Buffer.from(dataBase64, 'base64').toString('utf8') : (data ?? null);
  return { data: decoded, event: checkAttributes(attributes) };
}

/** Plain JSON, CloudEvents binary mode (ce-* headers) or structured mode (application/cloudevents+json). */
export function decodeRequest(headers: IncomingHttpHeaders, body: Buffer): DecodedRequest {
  const type = mediaType(headers['content-type']);
  if (type === BATCH) {
    throw invalid('CloudEvents batch mode is not supported: send one event per request');
  }
  if (type === STRUCTURED) {
    return decodeStructured(body);
  }
  if (headers['ce-specversion'] !== undefined) {
    return decodeBinary(headers, body);
  }
  return { data: parseJson(body, 'request body') };
}
