// A function whose requests succeed but whose metrics endpoint records nothing: the original report's k6-lambda-7
// (traffic, yet no invocation series). It answers POST / like a wrapper and GET /metrics with no function series.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BrokenFunction {
  url: string;
  address: string;
  stop(): Promise<void>;
}

export async function startBrokenMetricsFunction(): Promise<BrokenFunction> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/') {
        res
          .writeHead(200, { 'content-type': 'application/json', 'ce-type': 'io.knative.lambda.response.success' })
          .end('{}');
      } else if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end('');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `http://${address}`, address, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
