// A small HTTP handle on a running stack for the browser suite (never started by `npm start`): outages of
// Prometheus and the backend, and rebuilds of a function. Loopback only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { touchInlineCode } from './rebuild';
import type { RunningStack } from './stack';

export interface ControlServer {
  url: string;
  stop(): Promise<void>;
}

export async function startControlServer(stack: RunningStack): Promise<ControlServer> {
  const actions: Record<string, () => Promise<unknown>> = {
    '/prometheus/stop': () => stack.outages.stopPrometheus(),
    '/prometheus/start': () => stack.outages.startPrometheus(),
    '/backend/stop': () => stack.outages.stopBackend(),
    '/backend/start': () => stack.outages.startBackend(),
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const rebuild = path.match(/^\/rebuild\/([a-z0-9-]+)\/([a-z0-9-]+)$/);
    const action =
      actions[path] ?? (rebuild && (() => touchInlineCode(stack.controlPlane.adminKubeConfig, rebuild[1], rebuild[2])));
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || !action) {
      reply(404, { error: 'not_found', message: `no control action ${req.method} ${path}` });
      return;
    }
    action().then(
      (result) => reply(200, { ok: true, result: result ?? null }),
      (error: Error) => reply(500, { error: 'failed', message: error.message })
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
