import type { LambdaFunction } from '../api';

import { FetchRetries, retryMessage } from './fetch-retry';

const fn = (generation: number): LambdaFunction => ({
  metadata: { namespace: 'ns', name: 'f', generation },
  spec: { source: { git: { url: 'https://git.example/x.git' } }, runtime: { language: 'nodejs', version: '20' } },
});

test('backoff doubles from 10 s per attempt, capped at 5 minutes, and says so', () => {
  const clock = { t: 0 };
  const retries = new FetchRetries(undefined, () => clock.t);
  const schedule = Array.from({ length: 7 }, () => retries.failed(fn(1)));
  expect(schedule.map((r) => r.delayMs / 1000)).toEqual([10, 20, 40, 80, 160, 300, 300]);
  expect(retryMessage('the git server answered HTTP 503', schedule[2])).toBe(
    'the git server answered HTTP 503; retrying in 40s, attempt 3'
  );
});

test('a function waits until its next attempt is due; a new generation or a success starts over', () => {
  const clock = { t: 0 };
  const retries = new FetchRetries({ baseMs: 1000, maxMs: 60_000 }, () => clock.t);
  retries.failed(fn(1));
  clock.t += 400;
  expect(retries.remainingMs(fn(1))).toBe(600);
  expect(retries.remainingMs(fn(2))).toBe(0);
  expect(retries.failed(fn(2)).attempt).toBe(1);
  clock.t += 1000;
  expect(retries.remainingMs(fn(2))).toBe(0);
  expect(retries.failed(fn(2)).attempt).toBe(2);
  retries.succeeded(fn(2));
  expect(retries.remainingMs(fn(2))).toBe(0);
  expect(retries.failed(fn(2)).attempt).toBe(1);
});
