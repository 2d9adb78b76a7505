import { handleDsQuery } from './index';

const opts = { prometheusUrl: 'http://127.0.0.1:9', now: () => 1_700_000_000_000 };
const q = (datasource: unknown, extra: Record<string, unknown> = {}) => ({
  refId: 'A',
  datasource,
  expr: 'up',
  ...extra,
});

describe('handleDsQuery: request validation (pkg/api/ds_query.go, pkg/services/query)', () => {
  it.each<[string, unknown, number, string]>([
    ['no body', undefined, 400, 'bad request data'],
    ['no queries', { queries: [], from: 'now-1h', to: 'now' }, 400, 'No queries found'],
    [
      'a bad time',
      { queries: [q({ uid: 'prometheus' })], from: 'yesterday', to: 'now' },
      400,
      'invalid time "yesterday"',
    ],
    ['no data source', { queries: [q(undefined)], from: 'now-1h', to: 'now' }, 400, 'Query missing data source ID/UID'],
    [
      'an unknown data source',
      { queries: [q({ uid: 'loki' })], from: 'now-1h', to: 'now' },
      404,
      'Data source not found',
    ],
    [
      'expressions',
      { queries: [q({ uid: '__expr__' })], from: 'now-1h', to: 'now' },
      400,
      'not evaluated by the local host',
    ],
    [
      'two data sources',
      { queries: [q({ uid: 'prometheus' }), q({ uid: 'tempo' }, { refId: 'B' })], from: 'now-1h', to: 'now' },
      400,
      'All queries must use the same datasource',
    ],
  ])('refuses %s', async (_, body, status, message) => {
    const reply = await handleDsQuery(body, opts);
    expect(reply.status).toBe(status);
    expect((reply.json as { message: string }).message).toContain(message);
  });

  it('answers 400 with the per-query error when Prometheus is unreachable', async () => {
    const reply = await handleDsQuery(
      { queries: [q({ uid: 'prometheus', type: 'prometheus' })], from: 'now-1h', to: 'now' },
      opts
    );
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ results: { A: { status: 502, errorSource: 'downstream', frames: [] } } });
    expect((reply.json as { results: { A: { error: string } } }).results.A.error).toMatch(
      /^Post "http:\/\/127\.0\.0\.1:9\/api\/v1\/query_range": /
    );
  });

  it('answers Tempo queries with a clear 501 result (not translated)', async () => {
    const reply = await handleDsQuery({ queries: [q({ uid: 'tempo' })], from: 'now-1h', to: 'now' }, opts);
    expect(reply).toMatchObject({ status: 400, json: { results: { A: { status: 501 } } } });
  });
});
