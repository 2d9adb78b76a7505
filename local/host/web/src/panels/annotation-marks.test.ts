/// <reference types="jest" />
import type { DataFrame } from '@grafana/data';

import { annotationMarks } from './annotation-marks';

/** An annotation frame as Scenes hands it to a panel: one field per column. */
function frameOf(columns: Record<string, unknown[]>): DataFrame {
  const fields = Object.entries(columns).map(([name, values]) => ({ name, values, type: 'other', config: {} }));
  return { fields, length: fields[0]?.values.length ?? 0 } as unknown as DataFrame;
}

test('a row with an end after its start is a region; one without, or an end at the start, is a point', () => {
  const frame = frameOf({
    time: [1000, 2000, 3000],
    timeEnd: [5000, undefined, 3000],
    isRegion: [true, false, true],
    title: ['HighErrorRate firing', 'Build started', 'one step'],
    color: ['#F2495C', '#8AB8FF', undefined],
  });
  expect(annotationMarks([frame])).toEqual([
    { time: 1000, timeEnd: 5000, title: 'HighErrorRate firing', color: '#F2495C' },
    { time: 2000, title: 'Build started', color: '#8AB8FF' },
    { time: 3000, title: 'one step', color: 'rgba(0, 211, 255, 1)' },
  ]);
});

test('frames without a time field mark nothing; no frames, no marks', () => {
  expect(annotationMarks([frameOf({ title: ['x'] })])).toEqual([]);
  expect(annotationMarks([])).toEqual([]);
});
