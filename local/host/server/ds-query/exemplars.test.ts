import { convertPrometheusResponse } from './convert';
import { mergeExemplarFrames } from './exemplars';
import { frameToJSON } from './frames';
import { addQueryMetadata } from './naming';

function exemplarFramesFor(exemplars: Array<[number, string, string]>, stepMs: number) {
  const { frames } = convertPrometheusResponse({
    status: 'success',
    data: [
      {
        seriesLabels: { __name__: 'latency_bucket', le: '0.5', service: 'api' },
        exemplars: exemplars.map(([t, v, trace]) => ({ timestamp: t, value: v, labels: { trace_id: trace } })),
      },
    ],
  });
  addQueryMetadata({ expr: 'latency_bucket', legendFormat: '', stepMs }, frames);
  return mergeExemplarFrames(frames);
}

describe('exemplars (stddev sampler + framer)', () => {
  it('keeps the highest exemplar per step bucket and outliers more than 2σ below it, in time order', () => {
    const frames = exemplarFramesFor(
      [
        [10, '1.0', 'a'],
        [11, '1.1', 'b'],
        [12, '9.0', 'c'],
        [75, '0.2', 'd'],
      ],
      60_000
    );
    expect(frames).toHaveLength(1);
    const json = frameToJSON(frames[0]) as {
      schema: { name: string; fields: Array<{ name: string }> };
      data: { values: unknown[][] };
    };
    expect(json.schema.name).toBe('exemplar');
    expect(json.schema.fields.map((f) => f.name)).toEqual(['Time', 'Value', '__name__', 'le', 'service', 'trace_id']);
    expect(json.data.values[0]).toEqual([12000, 75000]);
    expect(json.data.values[1]).toEqual([9, 0.2]);
    expect(json.data.values[5]).toEqual(['c', 'd']);
    expect(json.data.values[4]).toEqual(['api', 'api']);
  });

  it('yields no frame when there are no exemplars', () => expect(exemplarFramesFor([], 60_000)).toEqual([]));
});
