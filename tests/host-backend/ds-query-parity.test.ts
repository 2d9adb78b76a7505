// /api/ds/query (local/host/server/ds-query) against a real Prometheus scraping a real exporter (a
// prom-client registry served over HTTP, OpenMetrics with exemplars): the frames carry exactly the numbers
// Prometheus's own /api/v1/query_range and /api/v1/query return for the expanded expression and step.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { OpenMetricsContentType } from 'prom-client';
import { Counter, Histogram, Registry } from 'prom-client';

import { handleDsQuery } from '../../local/host/server/ds-query';
import { startPrometheus, waitFor, type Prometheus } from '../../local/prometheus';

interface FrameJSON {
  schema: {
    name?: string;
    refId?: string;
    meta?: { custom?: Record<string, unknown>; executedQueryString?: string };
    fields: Array<{ name: string; labels?: Record<string, string>; config?: { displayNameFromDS?: string } }>;
  };
  data: { values: unknown[][] };
}
type Results = Record<string, { status: number; error?: string; frames: FrameJSON[] }>;

const SCRAPE = '1s';
const ROUTES = ['/cart', '/pay'];

function startExporter(): Promise<{ url: string; stop: () => void }> {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const requests = new Counter({
    name: 'parity_requests',
    help: 'requests',
    labelNames: ['route'],
    registers: [registry],
  });
  const duration = new Histogram<string>({
    name: 'parity_duration_seconds',
    help: 'latency',
    labelNames: ['route'],
    buckets: [0.1, 0.5, 1],
    enableExemplars: true,
    registers: [registry],
  });
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    ROUTES.forEach((route, i) => {
      requests.inc({ route }, (i + 1) * (1 + (tick % 3)));
      duration.observe({
        labels: { route },
        value: 0.05 + 0.1 * (tick % 7),
        exemplarLabels: { trace_id: `t${tick}${i}` },
      });
    });
  }, 200);
  const server = http.createServer(async (_, res) => {
    res.writeHead(200, { 'Content-Type': registry.contentType });
    res.end(await registry.metrics());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `127.0.0.1:${(server.address() as AddressInfo).port}`,
        stop: () => {
          clearInterval(timer);
          server.close();
        },
      })
    )
  );
}

async function prometheusApi<T>(prometheus: Prometheus, endpoint: string, params: Record<string, string>): Promise<T> {
  const body = (await (await fetch(`${prometheus.url}/api/v1/${endpoint}?${new URLSearchParams(params)}`)).json()) as {
    status: string;
    data: T;
  };
  expect(body.status).toBe('success');
  return body.data;
}

const valuesOf = (frame: FrameJSON) => ({ times: frame.data.values[0], values: frame.data.values[1] });

describe('/api/ds/query parity with Prometheus', () => {
  let exporter: { url: string; stop: () => void };
  let prometheus: Prometheus;
  let toMs: number;
  let fromMs: number;

  beforeAll(async () => {
    exporter = await startExporter();
    prometheus = await startPrometheus({
      scrapeInterval: SCRAPE,
      jobs: [{ jobName: 'parity', targets: [{ address: exporter.url }] }],
    });
    const first = await prometheus.waitFor(
      'first scrape',
      async () => {
        const samples = await prometheus.query('timestamp(parity_requests_total)');
        return samples.length === ROUTES.length ? Math.max(...samples.map((s) => s.value)) : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 }
    );
    // a closed window with 20 s of scrapes, not on whole seconds (so alignment to the step matters)
    fromMs = Math.ceil(first * 1000) + 2_345;
    toMs = fromMs + 20_000;
    await waitFor('the window to be scraped', async () => Date.now() > toMs + 2_000 || undefined, {
      timeoutMs: 40_000,
      intervalMs: 250,
    });
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    exporter?.stop();
  });

  const dsQuery = (query: Record<string, unknown>) =>
    handleDsQuery(
      {
        from: String(fromMs),
        to: String(toMs),
        queries: [
          {
            refId: 'A',
            datasource: { type: 'prometheus', uid: 'prometheus' },
            intervalMs: 1000,
            maxDataPoints: 1000,
            ...query,
          },
        ],
      },
      { prometheusUrl: prometheus.url, prometheusTimeInterval: SCRAPE }
    );

  it('range query with $__rate_interval: same series, times and values as query_range with the expanded expression and step', async () => {
    const reply = await dsQuery({
      expr: 'sum by (route) (rate(parity_requests_total[$__rate_interval]))',
      range: true,
      legendFormat: '{{route}}',
    });
    expect(reply.status).toBe(200);
    const frames = (reply.json as { results: Results }).results.A.frames;
    // $__rate_interval = max(intervalMs + scrape, 4 × scrape) = max(2s, 4s); step = intervalMs = 1s
    const expanded = 'sum by (route) (rate(parity_requests_total[4s]))';
    expect(frames[0].schema.meta?.executedQueryString).toBe(`Expr: ${expanded}\nStep: 1s`);
    const direct = await prometheusApi<{
      result: Array<{ metric: { route: string }; values: Array<[number, string]> }>;
    }>(prometheus, 'query_range', {
      query: expanded,
      start: String(Math.floor(fromMs / 1000)),
      end: String(Math.floor(toMs / 1000)),
      step: '1',
    });
    expect(direct.result).toHaveLength(ROUTES.length);
    const byRoute = Object.fromEntries(frames.map((f) => [f.schema.fields[1].config?.displayNameFromDS, valuesOf(f)]));
    for (const series of direct.result) {
      expect(series.values.length).toBeGreaterThan(15);
      expect(byRoute[series.metric.route]).toEqual({
        times: series.values.map(([t]) => t * 1000),
        values: series.values.map(([, v]) => Number(v)),
      });
    }
    expect(frames.map((f) => f.schema.refId)).toEqual(['A', 'A']);
  });

  it('instant query with $__rate_interval: the same value as /api/v1/query at the end of the range', async () => {
    const reply = await dsQuery({
      expr: 'sum(rate(parity_requests_total[$__rate_interval]))',
      instant: true,
      range: false,
    });
    expect(reply.status).toBe(200);
    const [frame] = (reply.json as { results: Results }).results.A.frames;
    expect(frame.schema.meta?.custom?.resultType).toBe('vector');
    const direct = await prometheusApi<{ result: Array<{ value: [number, string] }> }>(prometheus, 'query', {
      query: 'sum(rate(parity_requests_total[4s]))',
      time: String(toMs / 1000),
    });
    expect(direct.result).toHaveLength(1);
    expect(valuesOf(frame)).toEqual({
      times: [Math.trunc(direct.result[0].value[0] * 1000)],
      values: [Number(direct.result[0].value[1])],
    });
    expect(Number(direct.result[0].value[1])).toBeGreaterThan(0);
  });

  it('exemplars: one "exemplar" frame whose exemplars are among those Prometheus stores for the window', async () => {
    const reply = await dsQuery({ expr: 'parity_duration_seconds_bucket{route="/cart"}', range: true, exemplar: true });
    const frames = (reply.json as { results: Results }).results.A.frames;
    const exemplar = frames.find((f) => f.schema.name === 'exemplar');
    expect(exemplar?.schema.meta?.custom?.resultType).toBe('exemplar');
    const direct = await prometheusApi<
      Array<{ exemplars: Array<{ labels: { trace_id: string }; value: string; timestamp: number }> }>
    >(prometheus, 'query_exemplars', {
      query: 'parity_duration_seconds_bucket{route="/cart"}',
      start: String(Math.floor(fromMs / 1000)),
      end: String(Math.floor(toMs / 1000)),
    });
    const stored = new Set(direct.flatMap((s) => s.exemplars.map((e) => `${e.labels.trace_id}@${Number(e.value)}`)));
    const traceField = exemplar!.schema.fields.findIndex((f) => f.name === 'trace_id');
    const kept = exemplar!.data.values[traceField].map((id, row) => `${id}@${exemplar!.data.values[1][row]}`);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((k) => stored.has(k))).toBe(true);
  });

  it("returns Prometheus's error with its status for a bad expression", async () => {
    const reply = await dsQuery({ expr: 'sum(rate(parity_requests_total[$__rate_interval])', range: true });
    expect(reply.status).toBe(400);
    const result = (reply.json as { results: Results }).results.A;
    expect(result.status).toBe(400);
    expect(result.error).toMatch(/^bad_data: /);
  });
});
