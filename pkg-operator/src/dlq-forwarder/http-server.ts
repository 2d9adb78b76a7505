// POST /<namespace>: one dead-lettered CloudEvent, published to `<namespace>.lambda-dlx` with the function (the
// event's subject, which the Trigger filter guarantees) as routing key. 2xx only once RabbitMQ confirmed it;
// 5xx makes Knative retry. GET /metrics, /healthz, /readyz (ready = connected to RabbitMQ).
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { deadLetterExchangeName } from '../naming/names';
import { matches } from '../sources/identifier-policy';
import { amqpMessage } from './amqp-message';
import { BrokerUnavailable, DeadLetterPublisher } from './amqp-publisher';
import { decodeCloudEvent } from './cloud-event';
import { ForwarderMetrics, resultOf } from './forwarder-metrics';

export const MAX_EVENT_BYTES = 4 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_EVENT_BYTES) {
        reject(new HttpError(413, `event larger than ${MAX_EVENT_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** caller-supplied text, bounded, for an error message */
const quoted = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

function target(rawUrl: string, subject: string | undefined): { exchange: string; routingKey: string } {
  const namespace = rawUrl.split('?')[0].slice(1);
  if (!matches('namespace', namespace)) {
    throw new HttpError(400, `path must be /<namespace> with a Kubernetes namespace name, got ${quoted(rawUrl)}`);
  }
  if (subject === undefined || !matches('functionName', subject)) {
    throw new HttpError(
      400,
      `the event's subject must name the function (a LambdaFunction name), got ${quoted(subject ?? '')}`
    );
  }
  return { exchange: deadLetterExchangeName(namespace), routingKey: subject };
}

interface Answer {
  status: number;
  message: string;
}

export class ForwarderServer {
  private readonly server: http.Server;

  constructor(
    private readonly publisher: DeadLetterPublisher,
    private readonly metrics: ForwarderMetrics,
    private readonly log: (msg: string) => void
  ) {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(err as Error).message}\n`);
      });
    });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (req.method === 'GET') {
      await this.serveGet(url, res);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    const answer = await this.receive(req, url);
    this.metrics.count(resultOf(answer.status));
    if (answer.status === 404 || answer.status >= 500) {
      this.log(`dead letter not stored (${answer.status}): ${answer.message}`);
    }
    res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(`${answer.message}\n`);
  }

  private async serveGet(url: string, res: http.ServerResponse): Promise<void> {
    if (url === '/metrics') {
      const body = await this.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(body);
    } else if (url === '/healthz' || url === '/readyz') {
      const ok = url === '/healthz' || this.publisher.ready();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : 'not connected to RabbitMQ\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  }

  private async receive(req: http.IncomingMessage, url: string): Promise<Answer> {
    try {
      const decoded = decodeCloudEvent(req.headers, await readBody(req));
      if ('error' in decoded) {
        throw new HttpError(400, decoded.error);
      }
      const { exchange, routingKey } = target(url, decoded.event.attributes.subject);
      const result = await this.publisher.publish(exchange, routingKey, amqpMessage(decoded.event));
      if (result === 'unroutable') {
        throw new HttpError(404, `no dead-letter queue is bound to exchange ${exchange} for function ${routingKey}`);
      }
      return { status: 202, message: 'stored' };
    } catch (err) {
      const status = err instanceof HttpError ? err.status : err instanceof BrokerUnavailable ? 503 : 502;
      return { status, message: (err as Error).message };
    }
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    this.server.closeIdleConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
