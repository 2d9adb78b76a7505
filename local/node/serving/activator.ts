// Knative's activator for one Service, on its own loopback port: every request goes through it. With a ready
// replica it is proxied at once (streaming both ways); with none (scaled to zero) it asks for one and holds the
// request until the replica is ready, within a bound on held requests and a timeout (then 503, as Knative does).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Backend {
  /** the loopback port of a ready replica, starting one if there is none */
  acquire(): Promise<number>;
  /** a request ended (for idle tracking) */
  release(): void;
}

export interface ActivatorOptions {
  maxHeldRequests?: number;
  holdTimeoutMs?: number;
  log: (line: string) => void;
}

export class Activator {
  private readonly server: http.Server;
  private held = 0;
  backend?: Backend;

  constructor(private readonly opts: ActivatorOptions) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  private reject(res: http.ServerResponse, status: number, message: string) {
    if (!res.headersSent) {
      res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
    }
    res.end(JSON.stringify({ error: { type: 'activator', message } }));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const backend = this.backend;
    if (!backend) {
      return this.reject(res, 503, 'no revision is ready to serve this Service');
    }
    const max = this.opts.maxHeldRequests ?? 100;
    if (this.held >= max) {
      return this.reject(res, 503, `overload: ${max} requests are already waiting for a replica`);
    }
    this.held++;
    let port: number;
    const timeoutMs = this.opts.holdTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      port = await Promise.race([
        backend.acquire(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no replica became ready within ${timeoutMs / 1000} s`)),
            timeoutMs
          );
        }),
      ]);
    } catch (err) {
      this.held--;
      clearTimeout(timer);
      backend.release();
      return this.reject(res, 503, err instanceof Error ? err.message : String(err));
    }
    this.held--;
    clearTimeout(timer);
    const upstream = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      }
    );
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        backend.release();
      }
    };
    res.on('close', release);
    upstream.on('error', (err) => {
      release();
      this.reject(res, 502, `the replica failed: ${err.message}`);
    });
    req.pipe(upstream);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
