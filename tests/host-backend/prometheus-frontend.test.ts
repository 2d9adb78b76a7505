// The real @grafana/prometheus frontend (13.1.2) reads what /api/ds/query returns: its result transformer
// (transformV2, what PrometheusDatasource.query applies to every response) is bundled with esbuild, as the
// host bundles it, and fed the frames local/host/server/ds-query makes from recorded Prometheus answers,
// decoded by @grafana/data's dataFrameFromJSON as DataSourceWithBackend does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { buildSync } from 'esbuild';

import { frameToJSON } from '../../local/host/server/ds-query/frames';
import type { PromReply } from '../../local/host/server/ds-query/prometheus-http';
import { toPromQuery } from '../../local/host/server/ds-query/request';
import { runPromQuery } from '../../local/host/server/ds-query/run-query';

const REPO = path.resolve(__dirname, '../..');

interface Field {
  name: string;
  labels?: Record<string, string>;
  config: { displayNameFromDS?: string };
  values: unknown[];
}
interface DataFrame {
  refId?: string;
  name?: string;
  meta?: { preferredVisualisationType?: string; dataTopic?: string };
  fields: Field[];
}
interface Frontend {
  transformV2(response: { data: DataFrame[] }, request: unknown, options: unknown): { data: DataFrame[] };
  dataFrameFromJSON(json: unknown): DataFrame;
}

function bundleFrontend(dir: string): Frontend {
  const out = buildSync({
    stdin: {
      contents:
        "export { transformV2 } from './node_modules/@grafana/prometheus/dist/esm/result_transformer.mjs';\n" +
        "export { dataFrameFromJSON } from '@grafana/data';",
      resolveDir: REPO,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    loader: { '.css': 'empty', '.svg': 'empty' },
    logLevel: 'error',
  });
  const file = path.join(dir, 'frontend.cjs');
  fs.writeFileSync(file, out.outputFiles[0].text);
  return require(file) as Frontend;
}

const answer = (data: unknown): PromReply => ({
  kind: 'http',
  status: 200,
  body: JSON.stringify({ status: 'success', data }),
});

describe('@grafana/prometheus transformV2 on /api/ds/query frames', () => {
  let fe: Frontend;
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-prom-frontend-'));
    fe = bundleFrontend(dir);
  }, 60_000);
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  async function transformed(target: Record<string, unknown>, replies: Partial<Record<string, PromReply>>) {
    const query = toPromQuery({ refId: 'A', intervalMs: 1000, ...target }, 0, 60_000);
    const result = await runPromQuery(query, {
      prometheusUrl: 'http://prometheus.invalid',
      scrapeInterval: '',
      call: async (_, c) => replies[c.endpoint] ?? answer([]),
    });
    const frames = result.frames.map((f) => fe.dataFrameFromJSON(JSON.parse(JSON.stringify(frameToJSON(f)))));
    return fe.transformV2({ data: frames }, { targets: [{ refId: 'A', ...target }], app: 'dashboard' }, {}).data;
  }

  it('names __auto series by the labels that differ, as Grafana shows them (needs the __name__-named value field)', async () => {
    const data = await transformed(
      { expr: 'up', legendFormat: '__auto' },
      {
        query_range: answer({
          resultType: 'matrix',
          result: [
            { metric: { __name__: 'up', job: 'a', instance: 'x' }, values: [[1, '1']] },
            { metric: { __name__: 'up', job: 'b', instance: 'x' }, values: [[1, '0']] },
          ],
        }),
      }
    );
    expect(
      data.map((f) => [f.refId, f.meta?.preferredVisualisationType, f.fields[1].config.displayNameFromDS])
    ).toEqual([
      ['A', 'graph', '{job="a"}'],
      ['A', 'graph', '{job="b"}'],
    ]);
  });

  it('keeps the server-side legend of a {{label}} format', async () => {
    const data = await transformed(
      { expr: 'sum by (route) (x)', legendFormat: 'route {{route}}' },
      { query_range: answer({ resultType: 'matrix', result: [{ metric: { route: '/a' }, values: [[1, '2']] }] }) }
    );
    expect(data[0].fields[1].config.displayNameFromDS).toBe('route /a');
  });

  it('turns an instant vector with format table into one table frame with the labels as columns', async () => {
    const data = await transformed(
      { expr: 'up', instant: true, range: false, format: 'table' },
      {
        query: answer({
          resultType: 'vector',
          result: [
            { metric: { __name__: 'up', job: 'a' }, value: [60, '1'] },
            { metric: { __name__: 'up', job: 'b' }, value: [60, '0'] },
          ],
        }),
      }
    );
    expect(data).toHaveLength(1);
    expect(data[0].fields.map((f) => f.name)).toEqual(['Time', '__name__', 'job', 'Value']);
    expect(data[0].fields.find((f) => f.name === 'job')!.values).toEqual(['a', 'b']);
  });

  it('shows the exemplar frame as annotations beside the series', async () => {
    const data = await transformed(
      { expr: 'latency_bucket', exemplar: true },
      {
        query_range: answer({
          resultType: 'matrix',
          result: [{ metric: { __name__: 'latency_bucket', le: '1' }, values: [[1, '3']] }],
        }),
        query_exemplars: answer([
          {
            seriesLabels: { __name__: 'latency_bucket', le: '1' },
            exemplars: [{ labels: { trace_id: 'abc' }, value: '0.7', timestamp: 30 }],
          },
        ]),
      }
    );
    expect(data.map((f) => [f.name ?? '', f.meta?.dataTopic ?? f.meta?.preferredVisualisationType])).toEqual([
      ['', 'graph'],
      ['exemplar', 'annotations'],
    ]);
    expect(data[1].fields.find((f) => f.name === 'trace_id')!.values).toEqual(['abc']);
  });
});
