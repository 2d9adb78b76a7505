import { buildMarkers } from './buildMarkers';

describe('buildMarkers', () => {
  it('marks build start, finish, failure and a new Ready revision, in time order', () => {
    const markers = buildMarkers({
      buildJobs: [
        {
          name: 'fn-build-2',
          startedAt: '2026-12-01T10:05:00Z',
          active: 0,
          succeeded: 0,
          failed: 1,
          state: 'Failed',
          completedAt: '2026-12-01T10:06:00Z',
        },
        {
          name: 'fn-build-1',
          startedAt: '2026-12-01T10:00:00Z',
          completedAt: '2026-12-01T10:02:00Z',
          active: 0,
          succeeded: 1,
          failed: 0,
          state: 'Complete',
        },
        { name: 'fn-build-3', createdAt: '2026-12-01T10:07:00Z', active: 1, succeeded: 0, failed: 0, state: 'Running' },
      ],
      events: [
        { type: 'Normal', reason: 'Ready', message: 'revision fn-00002 is Ready', lastSeen: '2026-12-01T10:03:00Z' },
        { type: 'Warning', reason: 'BuildFailed', message: 'exit 1', lastSeen: '2026-12-01T10:06:00Z' },
      ],
    });
    expect(markers.map((m) => [new Date(m.time).toISOString().slice(11, 16), m.title])).toEqual([
      ['10:00', 'Build started'],
      ['10:02', 'Build finished'],
      ['10:03', 'Ready'],
      ['10:05', 'Build started'],
      ['10:06', 'Build failed'],
      ['10:07', 'Build started'],
    ]);
  });

  it('has nothing to mark without jobs or events', () => {
    expect(buildMarkers({ buildJobs: [], events: [] })).toEqual([]);
  });
});
