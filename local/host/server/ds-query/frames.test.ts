import { convertPrometheusResponse } from './convert';
import { frameToJSON } from './frames';
import { addQueryMetadata, metricNameFromLabels, seriesName } from './naming';

const vector = {
  status: 'success',
  data: {
    resultType: 'vector',
    result: [
      { metric: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' }, value: [1435781451.781, '1'] },
      { metric: { level: 'error' }, value: [1645029699, '+Inf'] },
      { metric: { level: 'debug' }, value: [1645029699, 'NaN'] },
    ],
  },
};

describe('Prometheus JSON → frames JSON (converter/prom.go, response.go, frame_json.go)', () => {
  it('writes one numeric-multi frame per vector series, NaN/Inf as entities, the first frame with the metadata', () => {
    const { frames, error } = convertPrometheusResponse(vector);
    expect(error).toBeUndefined();
    addQueryMetadata({ expr: 'up', legendFormat: '', stepMs: 15_000 }, frames);
    const [first, inf, nan] = frames.map(frameToJSON);
    expect(first).toEqual({
      schema: {
        meta: {
          type: 'numeric-multi',
          typeVersion: [0, 1],
          custom: { resultType: 'vector', calculatedMinStep: 15000 },
          executedQueryString: 'Expr: up\nStep: 15s',
        },
        fields: [
          { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' }, config: { interval: 15000 } },
          {
            name: 'up',
            type: 'number',
            typeInfo: { frame: 'float64' },
            labels: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' },
            config: { displayNameFromDS: 'up{instance="localhost:9090", job="prometheus"}' },
          },
        ],
      },
      data: { values: [[1435781451781], [1]] },
    });
    expect(inf).toMatchObject({ data: { values: [[1645029699000], [null]], entities: [null, { Inf: [0] }] } });
    expect(nan).toMatchObject({ data: { entities: [null, { NaN: [0] }] } });
    expect((nan as { schema: { fields: Array<{ name: string }> } }).schema.fields[1].name).toBe('Value');
  });

  it('writes matrix series as timeseries-multi and keeps empty label sets', () => {
    const { frames } = convertPrometheusResponse({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [1, '2'],
              [2, '3'],
            ],
          },
        ],
      },
    });
    expect(frameToJSON(frames[0])).toMatchObject({
      schema: {
        meta: { type: 'timeseries-multi', typeVersion: [0, 1], custom: { resultType: 'matrix' } },
        fields: [{}, { labels: {} }],
      },
      data: {
        values: [
          [1000, 2000],
          [2, 3],
        ],
      },
    });
  });

  it.each<[string, unknown, string]>([
    ['a Prometheus error', { status: 'error', errorType: 'bad_data', error: 'parse error' }, 'bad_data: parse error'],
    [
      'an unknown result type',
      { status: 'success', data: { resultType: 'blob', result: 1 } },
      'unknown result type: blob',
    ],
    ['a missing result type', { status: 'success', data: { result: [] } }, 'no resultType found'],
  ])('reports %s as the result error', (_, body, error) => expect(convertPrometheusResponse(body).error).toBe(error));

  it('puts warnings and infos on every frame as notices, or on a "Warnings" frame', () => {
    const { frames } = convertPrometheusResponse({
      status: 'success',
      data: { resultType: 'matrix', result: [] },
      warnings: ['slow'],
      infos: ['fyi'],
    });
    expect(frames).toEqual([
      {
        name: 'Warnings',
        fields: [],
        meta: {
          notices: [
            { severity: 'warning', text: 'slow' },
            { severity: 'info', text: 'fyi' },
          ],
        },
      },
    ]);
  });
});

describe('series names (response.go getName)', () => {
  const labels = { __name__: 'http_requests_total', code: '200', route: '/a"b' };
  it.each<[string, Record<string, string>, string]>([
    ['', labels, 'http_requests_total{code="200", route="/a\\"b"}'],
    ['{{route}} ({{ code }})', labels, '/a"b (200)'],
    ['{{missing}}x', labels, 'x'],
    ['__auto', labels, ''],
    ['__auto', {}, 'sum(x)'],
    ['', {}, 'sum(x)'],
  ])('legend %j', (legendFormat, l, name) =>
    expect(seriesName({ expr: 'sum(x)', legendFormat, stepMs: 1 }, l)).toBe(name)
  );

  it('uses the bare metric name for a series with no other label', () =>
    expect(metricNameFromLabels({ __name__: 'up' })).toBe('up'));
});

describe("Grafana's own frame decoder (@grafana/data dataFrameFromJSON) reads the JSON back", () => {
  // a deep path: the package's exports map hides the module and its index pulls ESM-only dependencies
  const { dataFrameFromJSON } = require(
    require.resolve('../../../../node_modules/@grafana/data/dist/cjs/dataframe/DataFrameJSON.cjs')
  ) as { dataFrameFromJSON: (json: unknown) => DecodedFrame };
  interface DecodedFrame {
    refId?: string;
    meta?: Record<string, unknown>;
    fields: Array<{ name: string; type: string; values: unknown[]; labels?: object; config: object }>;
  }

  it('restores NaN/±Inf, times, labels, configs and metadata', () => {
    const { frames } = convertPrometheusResponse({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { __name__: 'x', job: 'j' },
            values: [
              [1, '-Inf'],
              [2, 'NaN'],
              [3, '+Inf'],
              [4, '0.5'],
            ],
          },
        ],
      },
    });
    addQueryMetadata({ expr: 'x', legendFormat: '{{job}}', stepMs: 1000 }, frames);
    frames[0].refId = 'A';
    const decoded = dataFrameFromJSON(JSON.parse(JSON.stringify(frameToJSON(frames[0]))));
    expect(decoded.refId).toBe('A');
    expect(decoded.meta).toMatchObject({ type: 'timeseries-multi', executedQueryString: 'Expr: x\nStep: 1s' });
    expect(decoded.fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', 'time'],
      ['x', 'number'],
    ]);
    expect(decoded.fields[0].values).toEqual([1000, 2000, 3000, 4000]);
    expect(decoded.fields[1].values).toEqual([-Infinity, NaN, Infinity, 0.5]);
    expect(decoded.fields[1].labels).toEqual({ __name__: 'x', job: 'j' });
    expect(decoded.fields[1].config).toEqual({ displayNameFromDS: 'j' });
  });
});
