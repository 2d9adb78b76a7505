// The Python wrapper runs handlers on a pool of 64 workers, and a handler that outlives its timeout keeps its worker.
// Once every worker is held that way no invocation can run: /health answers 503 and says why, so the pod is taken
// out of service (readiness) and restarted (liveness) instead of timing out every request while reporting ok.
import { join } from 'node:path';

import { RuntimeLauncher, type RunningRuntime } from './launch/start-runtime';

const POOL_SIZE = 64;
const TIMEOUT_SECONDS = 0.5;
const SLEEP_SECONDS = 6;

const launcher = new RuntimeLauncher();
let wrapper: RunningRuntime;
afterAll(() => launcher.stopAll());

beforeAll(async () => {
  wrapper = await launcher.start({
    runtime: 'python',
    functionName: 'sleeper',
    handler: 'fixtures.sleeps',
    functionDir: join(__dirname, 'testdata', 'python'),
    timeoutSeconds: TIMEOUT_SECONDS,
  });
});

async function invokeSleeping(count: number, seconds = SLEEP_SECONDS): Promise<number[]> {
  const replies = Array.from({ length: count }, () =>
    fetch(`${wrapper.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds }),
    }).then(async (r) => (await r.arrayBuffer(), r.status))
  );
  return Promise.all(replies);
}

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${wrapper.url}/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

it('reports the pool saturated by handlers that outlived their timeout, and healthy again once they return', async () => {
  expect(await invokeSleeping(POOL_SIZE - 1)).toEqual(Array(POOL_SIZE - 1).fill(504));
  expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });

  expect(await invokeSleeping(1)).toEqual([504]);
  const saturated = await health();
  expect(saturated.status).toBe(503);
  expect(saturated.body).toMatchObject({ status: 'saturated', overdue_handlers: POOL_SIZE, workers: POOL_SIZE });
  expect(saturated.body.reason).toMatch(/all 64 handler workers run handlers that outlived their timeout/);
  // why it must say so: a quick invocation now only queues behind them, and times out too
  expect(await invokeSleeping(1, 0)).toEqual([504]);

  const deadline = Date.now() + (SLEEP_SECONDS + 5) * 1000;
  while ((await health()).status !== 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
}, 30_000);
