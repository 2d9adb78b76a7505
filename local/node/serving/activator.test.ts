// The activator proxies to a ready replica, holds requests while one starts, and answers 503 past its bounds.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Backend } from './activator';
import { Activator } from './activator';

const activators: Activator[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(activators.splice(0).map((a) => a.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(backend: Backend, opts: { maxHeldRequests?: number; holdTimeoutMs?: number } = {}) {
  const activator = new Activator({ log: () => undefined, ...opts });
  activator.backend = backend;
  activators.push(activator);
  return `http://127.0.0.1:${await activator.listen()}`;
}

async function echoServer(): Promise<number> {
  const server = http.createServer((req, res) => {
    res.writeHead(201, { 'x-echo': req.url ?? '' });
    req.pipe(res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

test('a held request is forwarded once the replica is ready, body and status intact', async () => {
  const port = await echoServer();
  let ready: (port: number) => void = () => undefined;
  const events: string[] = [];
  const url = await start({
    acquire: () => {
      events.push('acquire');
      return new Promise((r) => (ready = r));
    },
    release: () => events.push('release'),
  });
  const response = fetch(`${url}/path?q=1`, { method: 'POST', body: 'payload' });
  await new Promise((r) => setTimeout(r, 200));
  ready(port);
  const res = await response;
  expect([res.status, res.headers.get('x-echo'), await res.text()]).toEqual([201, '/path?q=1', 'payload']);
  await new Promise((r) => setTimeout(r, 50));
  expect(events).toEqual(['acquire', 'release']);
});

test('past the hold timeout, and beyond the held-request bound, the activator answers 503', async () => {
  const url = await start(
    { acquire: () => new Promise(() => undefined), release: () => undefined },
    { maxHeldRequests: 1, holdTimeoutMs: 400 }
  );
  const held = fetch(url, { method: 'POST', body: '1' });
  await new Promise((r) => setTimeout(r, 100));
  const overflow = await fetch(url, { method: 'POST', body: '2' });
  expect(overflow.status).toBe(503);
  expect(await overflow.text()).toMatch(/1 requests are already waiting/);
  const timedOut = await held;
  expect(timedOut.status).toBe(503);
  expect(await timedOut.text()).toMatch(/no replica became ready within 0.4 s/);
});
