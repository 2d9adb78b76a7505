import type { LambdaFunction } from '../api';

import type { EventSeries, EventSink, KubeEvent } from './event-recorder';
import { EventRecorder } from './event-recorder';

const fn = (name: string, uid = `uid-${name}`): LambdaFunction => ({
  apiVersion: 'lambda.knative.io/v1alpha1',
  kind: 'LambdaFunction',
  metadata: { name, namespace: 'team', uid },
  spec: { source: { inline: { code: '' } }, runtime: { language: 'nodejs', version: '20' } },
});

function recordingSink(failCreates = 0) {
  const created: KubeEvent[] = [];
  const patched: Array<{ name: string; series: EventSeries }> = [];
  let failures = failCreates;
  const sink: EventSink = {
    createEvent: async (_ns, event) => {
      if (failures-- > 0) {
        throw Object.assign(new Error('forbidden'), { code: 403 });
      }
      created.push(event);
    },
    patchEventSeries: async (_ns, name, series) => {
      patched.push({ name, series });
    },
  };
  return { sink, created, patched };
}

function recorder(sink: EventSink, clock: { t: number }) {
  return new EventRecorder(sink, { controller: 'lambda.knative.io/operator', instance: 'op-1', now: () => clock.t });
}

const built = { type: 'Normal', reason: 'BuildStarted', action: 'Build', note: 'build Job x created' } as const;

test('a repeat within the window becomes a series on the first Event', async () => {
  const clock = { t: Date.UTC(2026, 0, 1) };
  const { sink, created, patched } = recordingSink();
  const events = recorder(sink, clock);
  events.record(fn('a'), built);
  clock.t += 1000;
  events.record(fn('a'), built);
  clock.t += 1000;
  events.record(fn('a'), built);
  await events.flush();
  expect(created).toHaveLength(1);
  expect(created[0]).toMatchObject({
    apiVersion: 'events.k8s.io/v1',
    metadata: { namespace: 'team' },
    eventTime: '2026-01-01T00:00:00.000000Z',
    reportingController: 'lambda.knative.io/operator',
    reportingInstance: 'op-1',
    type: 'Normal',
    reason: 'BuildStarted',
    action: 'Build',
    note: 'build Job x created',
    regarding: { kind: 'LambdaFunction', name: 'a', namespace: 'team', uid: 'uid-a' },
  });
  expect(created[0].metadata.name).toMatch(/^a\.[0-9a-f]+$/);
  expect(patched).toEqual([
    { name: created[0].metadata.name, series: { count: 2, lastObservedTime: '2026-01-01T00:00:01.000000Z' } },
    { name: created[0].metadata.name, series: { count: 3, lastObservedTime: '2026-01-01T00:00:02.000000Z' } },
  ]);
});

test('another note, another object or a repeat after the window is a new Event', async () => {
  const clock = { t: 0 };
  const { sink, created, patched } = recordingSink();
  const events = recorder(sink, clock);
  events.record(fn('a'), built);
  events.record(fn('a'), { ...built, note: 'build Job y created' });
  events.record(fn('b'), built);
  clock.t += 6 * 60_000 + 1;
  events.record(fn('a'), built);
  await events.flush();
  expect(created.map((e) => [e.regarding.name, e.note])).toEqual([
    ['a', 'build Job x created'],
    ['a', 'build Job y created'],
    ['b', 'build Job x created'],
    ['a', 'build Job x created'],
  ]);
  expect(patched).toEqual([]);
  expect(new Set(created.map((e) => e.metadata.name)).size).toBe(4);
});

test('each object has a token bucket: burst 25, then one more every 5 minutes; others are unaffected', async () => {
  const clock = { t: 0 };
  const { sink, created } = recordingSink();
  const events = recorder(sink, clock);
  for (let i = 0; i < 30; i++) {
    events.record(fn('loud'), { ...built, note: `attempt ${i}` });
  }
  events.record(fn('quiet'), built);
  await events.flush();
  expect(created.filter((e) => e.regarding.name === 'loud')).toHaveLength(25);
  expect(created.filter((e) => e.regarding.name === 'quiet')).toHaveLength(1);
  expect(events.stats.dropped).toBe(5);
  clock.t += 300_000;
  events.record(fn('loud'), { ...built, note: 'after refill' });
  events.record(fn('loud'), { ...built, note: 'still empty' });
  await events.flush();
  expect(created.map((e) => e.note)).toContain('after refill');
  expect(created.map((e) => e.note)).not.toContain('still empty');
});

test('a repeat that was rate-limited still counts in the series the next patch reports', async () => {
  const clock = { t: 0 };
  const { sink, patched } = recordingSink();
  const events = new EventRecorder(sink, { controller: 'c.io/op', instance: 'i', now: () => clock.t, burst: 2 });
  events.record(fn('a'), built);
  events.record(fn('a'), built);
  events.record(fn('a'), built); // no token
  clock.t += 300_000;
  events.record(fn('a'), built);
  await events.flush();
  expect(patched.map((p) => p.series.count)).toEqual([2, 4]);
});

test('a failed create is retried as a new Event on the next occurrence, never patched', async () => {
  const clock = { t: 0 };
  const { sink, created, patched } = recordingSink(1);
  const logs: string[] = [];
  const events = new EventRecorder(sink, {
    controller: 'c.io/op',
    instance: 'i',
    now: () => clock.t,
    log: (m) => logs.push(m),
  });
  events.record(fn('a'), built);
  await events.flush();
  events.record(fn('a'), built);
  await events.flush();
  expect(created).toHaveLength(1);
  expect(patched).toEqual([]);
  expect(events.stats).toMatchObject({ created: 1, failed: 1 });
  expect(logs[0]).toMatch(/create Event team\/a\.[0-9a-f]+ \(BuildStarted\) failed: forbidden/);
});

test('notes are cut to the 1 kB the API allows', async () => {
  const { sink, created } = recordingSink();
  const events = recorder(sink, { t: 0 });
  events.record(fn('a'), { ...built, note: 'é'.repeat(2000) });
  await events.flush();
  expect(Buffer.byteLength(created[0].note)).toBeLessThanOrEqual(1024);
  expect(created[0].note.endsWith('...')).toBe(true);
});
