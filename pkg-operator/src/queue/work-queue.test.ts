import { ItemBackoff } from './backoff';
import { WorkQueue } from './work-queue';
import { runWorkers } from './workers';

test('a key is queued once however often it is added', async () => {
  const q = new WorkQueue();
  q.add('a');
  q.add('a');
  q.add('b');
  expect(q.depth).toBe(2);
  expect(await q.get()).toBe('a');
  expect(await q.get()).toBe('b');
  expect(q.depth).toBe(0);
});

test('a key added while in flight is handed out again only after done()', async () => {
  const q = new WorkQueue();
  q.add('a');
  const key = await q.get();
  q.add('a');
  expect(q.depth).toBe(0);
  q.done(key!);
  expect(q.depth).toBe(1);
  expect(await q.get()).toBe('a');
});

test('never two workers on the same key, and concurrency is bounded', async () => {
  const q = new WorkQueue();
  const active = new Set<string>();
  let peak = 0;
  let overlaps = 0;
  let runs = 0;
  for (let i = 0; i < 20; i++) {
    q.add(`k${i % 5}`);
  }
  const done = runWorkers(q, 3, async (key) => {
    if (active.has(key)) {
      overlaps++;
    }
    active.add(key);
    peak = Math.max(peak, active.size);
    runs++;
    if (runs < 8) {
      q.add(key); // re-added while in flight
    }
    await new Promise((r) => setTimeout(r, 5));
    active.delete(key);
  });
  await new Promise((r) => setTimeout(r, 200));
  q.shutDown();
  await done;
  expect(overlaps).toBe(0);
  expect(peak).toBeLessThanOrEqual(3);
  expect(runs).toBeGreaterThanOrEqual(5);
});

test('per-key exponential backoff, reset by forget()', () => {
  const b = new ItemBackoff({ baseMs: 10, maxMs: 100 });
  expect([b.next('a'), b.next('a'), b.next('a'), b.next('a'), b.next('a')]).toEqual([10, 20, 40, 80, 100]);
  expect(b.next('b')).toBe(10);
  b.forget('a');
  expect(b.next('a')).toBe(10);
});

test('addRateLimited brings the key back after its delay', async () => {
  const q = new WorkQueue(new ItemBackoff({ baseMs: 30, maxMs: 1000 }));
  const start = Date.now();
  expect(q.addRateLimited('a')).toBe(30);
  expect(q.depth).toBe(0);
  expect(await q.get()).toBe('a');
  expect(Date.now() - start).toBeGreaterThanOrEqual(25);
});

test('shutdown stops handing out keys; in-flight work finishes', async () => {
  const q = new WorkQueue();
  let finished = 0;
  q.add('slow');
  q.add('never');
  const done = runWorkers(q, 1, async () => {
    q.shutDown();
    await new Promise((r) => setTimeout(r, 20));
    finished++;
  });
  await done;
  expect(finished).toBe(1);
  expect(await q.get()).toBeUndefined();
});

test('the wait between add and hand-out is observed', async () => {
  const waits: number[] = [];
  let now = 0;
  const q = new WorkQueue(new ItemBackoff(), { waited: (s) => waits.push(s) }, () => now);
  q.add('a');
  now = 1500;
  await q.get();
  expect(waits).toEqual([1.5]);
});
