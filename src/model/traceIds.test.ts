import { FieldType, toDataFrame } from '@grafana/data';

import { tempoTraceUrl, traceIdsFromFrames } from './traceIds';

describe('traceIdsFromFrames', () => {
  it('collects unique trace ids from exemplar frames, newest first', () => {
    const exemplars = toDataFrame({
      name: 'exemplar',
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 3, 2] },
        { name: 'Value', type: FieldType.number, values: [0.2, 0.9, 0.2] },
        { name: 'trace_id', type: FieldType.string, values: ['aaa', 'bbb', 'aaa'] },
      ],
    });
    const series = toDataFrame({ fields: [{ name: 'Value', type: FieldType.number, values: [1] }] });
    expect(traceIdsFromFrames([series, exemplars])).toEqual([
      { traceId: 'bbb', time: 3, value: 0.9 },
      { traceId: 'aaa', time: 1, value: 0.2 },
    ]);
  });

  it('links a trace id to Tempo in Explore', () => {
    const url = tempoTraceUrl('tempo', 'abc');
    expect(JSON.parse(decodeURIComponent(url.split('panes=')[1])).trace.queries[0]).toMatchObject({
      query: 'abc',
      datasource: { uid: 'tempo' },
    });
  });
});
