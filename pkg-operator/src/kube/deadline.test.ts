// Against a real HTTP server that accepts requests and never answers (a hung API server).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { KubeConfig } from '@kubernetes/client-node';

import { cancellableBy, isDeadlineExceeded } from './deadline';
import { KubeGateway } from './gateway';

let server: http.Server;
const closed: number[] = [];
let kc: KubeConfig;

beforeAll(async () => {
  server = http.createServer((req) => req.socket.once('close', () => closed.push(Date.now())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: 'hung', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true },
    ],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'c', cluster: 'hung', user: 'u' }],
    currentContext: 'c',
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('a call that gets no answer fails at its deadline and its connection is closed', async () => {
  const gateway = new KubeGateway(kc, 'test');
  const started = Date.now();
  const err = await gateway.getLease('ns', 'lease', 300).catch((e: unknown) => e);
  const took = Date.now() - started;
  expect(isDeadlineExceeded(err)).toBe(true);
  expect((err as Error).message).toBe('leases: no answer from the Kubernetes API within 300 ms');
  expect(took).toBeGreaterThanOrEqual(290);
  expect(took).toBeLessThan(2000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(closed.some((t) => t >= started)).toBe(true);
});

test('work cancelled as a whole (shutdown) cuts its in-flight calls at once', async () => {
  const gateway = new KubeGateway(kc, 'test');
  const stop = new AbortController();
  const started = Date.now();
  const pending = cancellableBy(stop.signal, () => gateway.getLambdaFunction('ns', 'fn')).catch((e: unknown) => e);
  setTimeout(() => stop.abort(new Error('the operator is stopping')), 200);
  const err = (await pending) as Error;
  expect(err.message).toBe('lambdaFunctionsRead: cancelled (the operator is stopping)');
  expect(Date.now() - started).toBeLessThan(2000);
});
