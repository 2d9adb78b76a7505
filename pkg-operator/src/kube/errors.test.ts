import { ApiException } from '@kubernetes/client-node';

import { errorMessage, isInvalid } from './errors';

const apiError = (code: number, body: unknown) =>
  new ApiException(code, `HTTP-Code: ${code}`, typeof body === 'string' ? body : JSON.stringify(body), {});
const status = (code: number, message: string, reason?: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  ...(reason ? { reason } : {}),
  code,
});
// kube-apiserver v1.36's answer to a server-side apply of an unknown field (test/server-side-apply-invalid.test.ts)
const OFF_SCHEMA =
  'failed to create typed patch object (ns/fn; serving.knative.dev/v1, Kind=Service): .spec.templat: field not declared in schema';

describe('isInvalid', () => {
  it.each([
    ['400', apiError(400, status(400, 'strict decoding error: unknown field "spec.x"', 'BadRequest'))],
    ['422', apiError(422, status(422, 'spec.replicas: Invalid value', 'Invalid'))],
    ['a 500 for an applied object off the schema (no reason)', apiError(500, status(500, OFF_SCHEMA))],
    ['a 500 with reason BadRequest', apiError(500, status(500, 'unknown field', 'BadRequest'))],
    ['a 500 with reason Invalid', apiError(500, status(500, 'spec: Invalid value', 'Invalid'))],
  ])('%s is permanent', (_, err) => {
    expect(isInvalid(err)).toBe(true);
  });

  it.each([
    ['a 500 InternalError', apiError(500, status(500, 'etcdserver: request timed out', 'InternalError'))],
    ['a 500 without a Status body', apiError(500, 'upstream connect error')],
    ['a 500 for the live object, not the request', apiError(500, status(500, 'failed to create typed live object: x'))],
    ['a 500 that only mentions the phrase', apiError(500, status(500, 'webhook: failed to create typed patch object'))],
    ['a 503 with reason BadRequest', apiError(503, status(503, 'x', 'BadRequest'))],
    ['409', apiError(409, status(409, 'the object has been modified', 'Conflict'))],
    ['a network error', new Error('ECONNRESET')],
  ])('%s stays transient', (_, err) => {
    expect(isInvalid(err)).toBe(false);
  });
});

describe('errorMessage', () => {
  it("is the Status's message, the text of a body that is not JSON, else the error's own", () => {
    expect(errorMessage(apiError(500, status(500, OFF_SCHEMA)))).toBe(OFF_SCHEMA);
    expect(errorMessage(apiError(502, 'bad gateway'))).toBe('bad gateway');
    expect(errorMessage(apiError(500, { kind: 'Status' }))).toMatch(/^HTTP-Code: 500\n/);
    expect(errorMessage(new Error('ECONNRESET'))).toBe('ECONNRESET');
  });
});
