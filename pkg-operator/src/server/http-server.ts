// /metrics (OpenMetrics when the scraper asks for it — that is what carries exemplars — else Prometheus
// text), /healthz (the process serves) and /readyz (the caches have synced).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { MetricsRegistry } from '../metrics/operator-metrics';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from '../metrics/prometheus-text';

export interface ServerOptions {
  host: string;
  port: number;
  registry: MetricsRegistry;
  ready: () => boolean;
}

export const wantsOpenMetrics = (accept: string | undefined) => /application\/openmetrics-text/.test(accept ?? '');

export class OperatorServer {
  private readonly server: http.Server;

  constructor(private readonly opts: ServerOptions) {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`error: ${(err as Error).message}\n`);
      });
    });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/metrics') {
      const open = wantsOpenMetrics(req.headers.accept);
      const body = open ? await this.opts.registry.metrics() : await prometheusText(this.opts.registry);
      res.writeHead(200, { 'content-type': open ? this.opts.registry.contentType : PROMETHEUS_CONTENT_TYPE });
      res.end(body);
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      const ready = this.opts.ready();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ok\n' : 'caches not synced\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
