import type { PromCall, PromReply } from './prometheus-http';
import type { PromQuery } from './request';
import { toPromQuery } from './request';
import { runPromQuery } from './run-query';

const FROM = 1_700_000_000_000;
const TO = FROM + 3_600_000;
const query = (model: Record<string, unknown>): PromQuery =>
  toPromQuery(
    { refId: 'A', expr: 'sum(rate(x[$__rate_interval]))', intervalMs: 15_000, maxDataPoints: 1000, ...model },
    FROM,
    TO
  );

const vector = JSON.stringify({
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: {}, value: [TO / 1000, '4'] }] },
});
const matrix = JSON.stringify({
  status: 'success',
  data: { resultType: 'matrix', result: [{ metric: {}, values: [[FROM / 1000, '1']] }] },
});
const badData = JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 4' });

function recorder(replies: Partial<Record<PromCall['endpoint'], PromReply>>) {
  const calls: PromCall[] = [];
  return {
    calls,
    call: async (_: string, c: PromCall): Promise<PromReply> => {
      calls.push(c);
      return replies[c.endpoint] ?? { kind: 'http', status: 200, body: matrix };
    },
  };
}

const run = (q: PromQuery, r: ReturnType<typeof recorder>) =>
  runPromQuery(q, { prometheusUrl: 'http://prom', scrapeInterval: '15s', call: r.call });

describe('runPromQuery: Prometheus calls and result mapping', () => {
  it('sends a range query aligned to the step with the expanded expression', async () => {
    const r = recorder({});
    const result = await run(query({}), r);
    expect(r.calls).toEqual([
      {
        endpoint: 'query_range',
        params: { query: 'sum(rate(x[1m0s]))', start: String(FROM / 1000 - 5), end: String(TO / 1000 - 5), step: '15' },
      },
    ]);
    expect(result).toMatchObject({ status: 200, frames: [{ refId: 'A' }] });
  });

  it('sends an instant query at the unaligned end; instant + range give instant frames first', async () => {
    const r = recorder({ query: { kind: 'http', status: 200, body: vector } });
    const result = await run(query({ instant: true, range: true }), r);
    expect(r.calls.map((c) => c.endpoint)).toEqual(['query', 'query_range']);
    expect(r.calls[0].params).toEqual({ query: 'sum(rate(x[1m0s]))', time: String(TO / 1000) });
    expect(result.frames.map((f) => f.meta?.custom?.resultType)).toEqual(['vector', 'matrix']);
  });

  it.each<[string, PromReply, Record<string, unknown>]>([
    [
      'a Prometheus error: its message and HTTP status, an empty frame with the metadata',
      { kind: 'http', status: 400, body: badData },
      { error: 'bad_data: parse error at char 4', status: 400, errorSource: 'plugin' },
    ],
    [
      'an unreachable Prometheus: 502, downstream, no frame',
      { kind: 'network', error: 'Post "http://prom/api/v1/query_range": connect ECONNREFUSED' },
      {
        error: 'Post "http://prom/api/v1/query_range": connect ECONNREFUSED',
        status: 502,
        errorSource: 'downstream',
        frames: [],
      },
    ],
    [
      'an unexpected HTTP status: its code and body, 500',
      { kind: 'http', status: 404, body: 'page not found' },
      { error: 'unexpected response with status code 404: page not found', status: 500, errorSource: 'downstream' },
    ],
  ])('reports %s', async (_, reply, expected) => {
    const result = await run(query({}), recorder({ query_range: reply }));
    expect(result).toMatchObject(expected);
    if (reply.kind === 'http') {
      expect(result.frames).toHaveLength(1);
      expect(result.frames[0].meta?.executedQueryString).toBe('Expr: sum(rate(x[1m0s]))\nStep: 15s');
    }
  });

  it('ignores a failed exemplar query (Grafana only logs it)', async () => {
    const result = await run(
      query({ exemplar: true }),
      recorder({ query_exemplars: { kind: 'http', status: 400, body: badData } })
    );
    expect(result).toMatchObject({ status: 200 });
    expect(result.error).toBeUndefined();
  });

  it('reports a min step Go cannot parse as the result error', async () => {
    const r = recorder({});
    expect(await run(query({ interval: 'soon' }), r)).toMatchObject({
      error: 'time: invalid duration "soon"',
      status: 500,
    });
    expect(r.calls).toEqual([]);
  });
});
