import * as grpc from '@grpc/grpc-js';

import { callFailure, canonicalHeaderKey, forwardedResourceHeaders } from './resource-http';

const user = { login: 'ann', name: 'Ann', email: '', role: 'Viewer' as const, orgId: 1 };

describe('Grafana request headers for CallResource', () => {
  it('canonicalizes keys, drops credentials and proxy headers, moves Referer, names the user', () => {
    const headers = forwardedResourceHeaders(
      {
        'content-type': ['application/json'],
        cookie: ['grafana_session=s3cret'],
        authorization: ['Bearer x'],
        origin: ['http://h'],
        referer: ['http://h/a/knative-lambda-app'],
        'x-forwarded-proto': ['http'],
        'x-grafana-org-id': ['1'],
        'X-Grafana-User': ['mallory'],
      },
      user
    );
    expect(headers).toEqual({
      'Content-Type': ['application/json'],
      'X-Grafana-Org-Id': ['1'],
      'X-Grafana-Referer': ['http://h/a/knative-lambda-app'],
      'X-Grafana-User': ['ann'],
    });
  });

  it.each([
    ['content-type', 'Content-Type'],
    ['X-GRAFANA-ID', 'X-Grafana-Id'],
    ['accept', 'Accept'],
  ])('%s → %s', (key, canonical) => expect(canonicalHeaderKey(key)).toBe(canonical));
});

describe('CallResource failures', () => {
  it.each<[number, number, string]>([
    [grpc.status.UNIMPLEMENTED, 501, 'plugin.notImplemented'],
    [grpc.status.UNAVAILABLE, 503, 'plugin.unavailable'],
    [grpc.status.CANCELLED, 503, 'plugin.unavailable'],
    [grpc.status.INTERNAL, 502, 'plugin.requestFailureError'],
  ])('gRPC code %d → HTTP %d %s (JSON)', (code, status, messageId) => {
    const res = callFailure(Object.assign(new Error('boom'), { code }));
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body.toString())).toMatchObject({ messageId, statusCode: status, error: 'boom' });
    expect(res.headers['Content-Type']).toEqual(['application/json']);
  });
});
