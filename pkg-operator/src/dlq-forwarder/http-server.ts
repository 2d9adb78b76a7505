// POST /<namespace>: one dead-lettered CloudEvent, published to `<namespace>.lambda-dlx` with the function (the
// event's subject, which the Trigger filter guarantees) as routing key. 2xx only once RabbitMQ confirmed it;
// 5xx makes Knative retry. GET /metrics, /healthz, /readyz (ready = connected to RabbitMQ).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { deadLetterExchangeName } from '../naming/names';
import { matches } from '../sources/identifier-policy';

import { amqpMessage } from './amqp-message';
import type { DeadLetterPublisher } from './amqp-publisher';
import { BrokerUnavailable } from './amqp-publisher';
import { decodeCloudEvent } from './cloud-event';
import type { ForwarderMetrics } from './forwarder-metrics';
import { resultOf } from './forwarder-metrics';
import type { SenderCheck } from './sender-check';

export const MAX_EVENT_BYTES = 4 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

class TooLarge extends HttpError {}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_EVENT_BYTES) {
        // stop keeping it, but keep reading (and dropping) it, so the client can finish sending and read the 413
        req.off('data', onData);
        req.resume();
        reject(new TooLarge(413, `event larger than ${MAX_EVENT_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** how long a refused request's remaining body is read and dropped before the connection is cut */
const DRAIN_MS = 2_000;

/** caller-supplied text, bounded, for an error message */
const quoted = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

const namespaceOf = (rawUrl: string) => rawUrl.split('?')[0].slice(1);

function target(rawUrl: string, subject: string | undefined): { exchange: string; routingKey: string } {
  const namespace = namespaceOf(rawUrl);
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
  /** the request's body was not (fully) read: answer, then close the connection */
  close?: boolean;
}

export class ForwarderServer {
  private readonly server: http.Server;

  constructor(
    private readonly publisher: DeadLetterPublisher,
    private readonly metrics: ForwarderMetrics,
    private readonly log: (msg: string) => void,
    private readonly senders?: SenderCheck
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
    if (!answer.close) {
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(`${answer.message}\n`);
      return;
    }
    res.shouldKeepAlive = false;
    res.writeHead(answer.status, { 'content-type': 'text/plain', connection: 'close' });
    res.end(`${answer.message}\n`, () => {
      const cut = setTimeout(() => req.destroy(), DRAIN_MS);
      req.once('end', () => clearTimeout(cut));
    });
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
      const refusal = await this.senders?.refusal(req.headers.authorization, namespaceOf(url));
      if (refusal) {
        req.resume(); // dropped, never published
        return { ...refusal, close: true };
      }
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
      return { status, message: (err as Error).message, close: err instanceof TooLarge };
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
