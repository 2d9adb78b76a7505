// The dead-letter path end to end with a real RabbitMQ (Debian's rabbitmq-server) and a real Prometheus: the
// exchange/queues/bindings are declared exactly as the operator's topology objects describe them, dead-lettered
// CloudEvents go over HTTP to the forwarder, land in `<ns>.<fn>-dlq`, show up in RabbitMQ's per-queue metrics and
// fire the shipped KnativeLambdaDLQAccumulating alert (its `for:` shortened in a temp copy, expression unchanged).

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

import { connect } from 'amqplib';
import type { Channel, ChannelModel, GetMessage } from 'amqplib';

import type { DeadLetterResult, ExternalMetric } from '../../contract';
import { DEAD_LETTER_RESULTS, dlqQueueName, OPERATOR_METRICS } from '../../contract';
import type { Prometheus } from '../../local/prometheus';
import { startPrometheus } from '../../local/prometheus';
import { RULES_CONFIG } from '../../rules/config';
import { rulesWithShortFor } from '../../tests/runtimes-e2e/rules-copy';
import type { LambdaFunction } from '../src/api';
import type { RunningForwarder } from '../src/dlq-forwarder/main';
import { startDlqForwarder } from '../src/dlq-forwarder/main';
import { INVOKE_EVENT_TYPE } from '../src/eventing/event-types';
import { deadLetterBinding, deadLetterExchange, deadLetterQueue } from '../src/eventing/resources';
import type { KubeObject } from '../src/kube/gateway';

import type { RabbitMQ } from './support/rabbitmq';
import { startRabbitMQ } from './support/rabbitmq';
import { eventually } from './support/wait';

const NAMESPACE = 'shop';
const CLUSTER = { name: 'rabbitmq', namespace: 'rabbitmq-system' };
const QUEUE_MESSAGES: ExternalMetric = 'rabbitmq_queue_messages';
const DLQ_ALERT = 'KnativeLambdaDLQAccumulating';
const BROKER_SOURCE = `/apis/v1/namespaces/${NAMESPACE}/brokers/lambda-broker`;

const lambda = (name: string): LambdaFunction => ({
  apiVersion: 'lambda.knative.io/v1alpha1',
  kind: 'LambdaFunction',
  metadata: { name, namespace: NAMESPACE, uid: `uid-${name}` },
  spec: { source: { inline: { code: 'x' } }, runtime: { language: 'nodejs', version: '20' }, eventing: {} },
});
const FUNCTIONS = [lambda('checkout'), lambda('invoice')];
const queueOf = (fn: string) => dlqQueueName(NAMESPACE, fn);

let rabbit: RabbitMQ;
let forwarder: RunningForwarder;
let prometheus: Prometheus;
let amqp: ChannelModel;
let channel: Channel;
let rulesDir: string;
const forwarderLog: string[] = [];
/** what the test has had confirmed (202) per queue */
const stored: Record<string, number> = { [queueOf('checkout')]: 0, [queueOf('invoice')]: 0 };
/** the forwarder's dead_letters_total the test expects, by result */
const counted = Object.fromEntries(DEAD_LETTER_RESULTS.map((r) => [r, 0])) as Record<DeadLetterResult, number>;

const spec = (o: KubeObject) => o.spec as Record<string, string & boolean>;

/** exchange, queues and bindings as the operator's messaging-topology objects declare them */
async function declareTopology(ch: Channel): Promise<void> {
  const exchange = spec(deadLetterExchange(NAMESPACE, CLUSTER));
  await ch.assertExchange(exchange.name, exchange.type, { durable: exchange.durable, autoDelete: exchange.autoDelete });
  for (const fn of FUNCTIONS) {
    const queue = spec(deadLetterQueue(fn, CLUSTER));
    await ch.assertQueue(queue.name, {
      durable: queue.durable,
      autoDelete: queue.autoDelete,
      arguments: { 'x-queue-type': queue.type },
    });
    const binding = spec(deadLetterBinding(fn, CLUSTER));
    await ch.bindQueue(binding.destination, binding.source, binding.routingKey);
  }
}

async function openChannel(): Promise<void> {
  amqp = await connect(rabbit.amqpUrl);
  // the broker is killed on purpose below; its socket errors are expected
  amqp.on('error', () => undefined);
  channel = await amqp.createChannel();
}

const forwarderUrl = (p: string, port = forwarder.port) => `http://127.0.0.1:${port}${p}`;

function postBinary(p: string, subject: string, id: string, port = forwarder.port): Promise<Response> {
  return fetch(forwarderUrl(p, port), {
    method: 'POST',
    headers: {
      'ce-specversion': '1.0',
      'ce-id': id,
      'ce-source': BROKER_SOURCE,
      'ce-type': INVOKE_EVENT_TYPE,
      'ce-subject': subject,
      'ce-knativeerrorcode': '500',
      'ce-knativeerrordest': `http://${subject}.${NAMESPACE}.svc.cluster.local`,
      'content-type': 'application/json',
    },
    body: `{"order":"${id}"}`,
  });
}

/** a request path exactly as written (fetch would normalise `/../x` to `/x`) */
function postRawPath(rawPath: string, subject: string): Promise<{ status: number; text(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: forwarder.port,
        path: rawPath,
        method: 'POST',
        headers: {
          'ce-specversion': '1.0',
          'ce-id': 'raw',
          'ce-source': BROKER_SOURCE,
          'ce-type': INVOKE_EVENT_TYPE,
          'ce-subject': subject,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, text: async () => body });
        });
      }
    );
    req.on('error', reject);
    req.end('{}');
  });
}

function postStructured(p: string, event: Record<string, unknown>): Promise<Response> {
  return fetch(forwarderUrl(p), {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
    body: JSON.stringify(event),
  });
}

async function postStored(subject: string, id: string, port = forwarder.port): Promise<void> {
  const res = await postBinary(`/${NAMESPACE}`, subject, id, port);
  expect(res.status).toBe(202);
  stored[queueOf(subject)] += 1;
  if (port === forwarder.port) {
    counted.stored += 1;
  }
}

const depth = async (fn: string) => (await channel.checkQueue(queueOf(fn))).messageCount;
const ready = async () => (await fetch(forwarderUrl('/readyz'))).status === 200;

/** the first message of a queue, put back afterwards so the counts stay what was posted */
async function peek(fn: string): Promise<GetMessage> {
  const message = await channel.get(queueOf(fn), { noAck: false });
  if (!message) {
    throw new Error(`queue ${queueOf(fn)} is empty`);
  }
  channel.nack(message, false, true);
  return message;
}

async function queueMessagesMetric(queue: string): Promise<number | undefined> {
  const text = await (await fetch(`http://${rabbit.prometheusAddress}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${QUEUE_MESSAGES}{`) && l.includes(`queue="${queue}"`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

const byResult = (a: { result: string }, b: { result: string }) => a.result.localeCompare(b.result);

/** dead_letters_total by result, read from the forwarder's /metrics */
async function forwarderCounters(): Promise<Record<string, number>> {
  const text = await (await fetch(forwarderUrl('/metrics'))).text();
  const pattern = new RegExp(`^${OPERATOR_METRICS.deadLetters.name}\\{result="(\\w+)"\\} (\\d+)$`, 'gm');
  return Object.fromEntries([...text.matchAll(pattern)].map((m) => [m[1], Number(m[2])]));
}

jest.setTimeout(90_000);

beforeAll(async () => {
  rabbit = await startRabbitMQ();
  await openChannel();
  await declareTopology(channel);
  forwarder = await startDlqForwarder({ host: '127.0.0.1', port: 0, amqpUrl: rabbit.amqpUrl }, (msg) =>
    forwarderLog.push(msg)
  );
  await eventually('forwarder ready', ready);
  rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlq-rules-'));
  prometheus = await startPrometheus({
    rulesFiles: [rulesWithShortFor(rulesDir, '1s')],
    jobs: [
      { jobName: 'rabbitmq', targets: [{ address: rabbit.prometheusAddress }] },
      { jobName: 'lambda-dlq-forwarder', targets: [{ address: `127.0.0.1:${forwarder.port}` }] },
    ],
  });
});

afterAll(async () => {
  await amqp?.close().catch(() => undefined);
  await forwarder?.stop();
  await prometheus?.stop();
  await rabbit?.stop();
  fs.rmSync(rulesDir, { recursive: true, force: true });
});

test('binary and structured dead letters land in their function`s queue with the CloudEvent preserved', async () => {
  await postStored('checkout', 'evt-binary-1');
  const structured = await postStructured(`/${NAMESPACE}`, {
    specversion: '1.0',
    id: 'evt-structured-1',
    source: BROKER_SOURCE,
    type: INVOKE_EVENT_TYPE,
    subject: 'invoice',
    datacontenttype: 'application/json',
    knativeerrorcode: 503,
    data: { invoice: 42 },
  });
  expect(structured.status).toBe(202);
  stored[queueOf('invoice')] += 1;
  counted.stored += 1;

  const binary = await peek('checkout');
  expect(binary.content.toString()).toBe('{"order":"evt-binary-1"}');
  expect(binary.properties).toMatchObject({
    deliveryMode: 2,
    contentType: 'application/json',
    type: INVOKE_EVENT_TYPE,
  });
  expect(binary.properties.headers).toMatchObject({
    'ce-specversion': '1.0',
    'ce-id': 'evt-binary-1',
    'ce-source': BROKER_SOURCE,
    'ce-type': INVOKE_EVENT_TYPE,
    'ce-subject': 'checkout',
    'ce-knativeerrorcode': '500',
    'ce-knativeerrordest': `http://checkout.${NAMESPACE}.svc.cluster.local`,
  });
  const fromStructured = await peek('invoice');
  expect(JSON.parse(fromStructured.content.toString())).toEqual({ invoice: 42 });
  expect(fromStructured.properties.headers).toMatchObject({
    'ce-id': 'evt-structured-1',
    'ce-subject': 'invoice',
    'ce-datacontenttype': 'application/json',
    'ce-knativeerrorcode': '503',
  });
  expect(await depth('checkout')).toBe(stored[queueOf('checkout')]);
  expect(await depth('invoice')).toBe(stored[queueOf('invoice')]);
});

test('bad namespaces, subjects and bodies get 400 and publish nothing; unroutable ones are refused too', async () => {
  const rejected = [
    postBinary('/Shop', 'checkout', 'bad-1'),
    postRawPath('/../shop', 'checkout'),
    postRawPath('/shop/../shop', 'checkout'),
    postBinary('/shop/extra', 'checkout', 'bad-3'),
    postBinary('/shop%2F..', 'checkout', 'bad-4'),
    postBinary(`/${NAMESPACE}`, 'Checkout', 'bad-5'),
    postBinary(`/${NAMESPACE}`, 'checkout.other', 'bad-6'),
    postBinary(`/${NAMESPACE}`, '', 'bad-7'),
    postStructured(`/${NAMESPACE}`, { specversion: '1.0', id: 'bad-8', source: 's', type: 't' }),
    fetch(forwarderUrl(`/${NAMESPACE}`), { method: 'POST', body: 'not an event' }),
    fetch(forwarderUrl(`/${NAMESPACE}`), {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: '{broken',
    }),
  ];
  for (const res of await Promise.all(rejected)) {
    expect({ status: res.status, body: (await res.text()).length > 0 }).toEqual({ status: 400, body: true });
  }
  counted.rejected += rejected.length;
  // a valid function name nothing is bound for: RabbitMQ returns it, the forwarder says so
  const unbound = await postBinary(`/${NAMESPACE}`, 'ghost', 'ghost-1');
  expect(unbound.status).toBe(404);
  expect(await unbound.text()).toMatch(/no dead-letter queue is bound/);
  counted.unroutable += 1;
  // a namespace without a dead-letter exchange: not stored, so an error Knative retries
  const noExchange = await postBinary('/elsewhere', 'checkout', 'elsewhere-1');
  expect(noExchange.status).toBe(502);
  expect(await noExchange.text()).toMatch(/elsewhere\.lambda-dlx/);
  counted.failed += 1;
  await eventually('forwarder ready again after the channel error', ready);
  expect(await depth('checkout')).toBe(stored[queueOf('checkout')]);
  expect(await depth('invoice')).toBe(stored[queueOf('invoice')]);
});

test('RabbitMQ counts every stored dead letter per queue, and the shipped DLQ alert fires for that function', async () => {
  const extra = RULES_CONFIG.dlq.threshold + 20;
  for (let batch = 0; batch < extra; batch += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, extra - batch) }, (_, i) => postStored('checkout', `bulk-${batch + i}`))
    );
  }
  const checkout = queueOf('checkout');
  const invoice = queueOf('invoice');
  await eventually('RabbitMQ per-queue metrics caught up', async () => {
    return (
      (await queueMessagesMetric(checkout)) === stored[checkout] &&
      (await queueMessagesMetric(invoice)) === stored[invoice]
    );
  });
  const firing = await prometheus.waitFor(
    `${DLQ_ALERT} firing for checkout`,
    async () =>
      (await prometheus.alerts()).find(
        (a) => a.labels.alertname === DLQ_ALERT && a.state === 'firing' && a.labels.function === 'checkout'
      ),
    { timeoutMs: 40_000, intervalMs: 500 }
  );
  expect(firing.labels).toMatchObject({ namespace: NAMESPACE, function: 'checkout', queue: checkout });
  expect(Number(firing.value)).toBe(stored[checkout]);
  const alerts = await prometheus.alerts();
  expect(alerts.filter((a) => a.labels.alertname === DLQ_ALERT).map((a) => a.labels.function)).toEqual(['checkout']);

  const expected = Object.entries(counted)
    .map(([result, value]) => ({ result, value }))
    .sort(byResult);
  await prometheus.waitFor('the forwarder`s counters scraped', async () => {
    const samples = await prometheus.query(`${OPERATOR_METRICS.deadLetters.name}{job="lambda-dlq-forwarder"}`);
    const seen = samples.map((x) => ({ result: x.metric.result, value: x.value })).sort(byResult);
    return JSON.stringify(seen) === JSON.stringify(expected) || undefined;
  });
});

test('the shipped entrypoint `lambda-operator dlq-forwarder` forwards the same way and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [path.join(__dirname, '../bin/lambda-operator.js'), 'dlq-forwarder'], {
    // no TokenReview API here (dlq-forwarder-senders.test.ts covers the sender check)
    env: {
      ...process.env,
      RABBITMQ_URL: rabbit.amqpUrl,
      DLQ_FORWARDER_BIND_ADDRESS: '127.0.0.1:0',
      DLQ_FORWARDER_SENDER_CHECK: 'none',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const port = Number(
      await eventually('the entrypoint listening', () => /listening on 127\.0\.0\.1:(\d+)/.exec(stderr)?.[1], 30_000)
    );
    await eventually('the entrypoint ready', async () => (await fetch(forwarderUrl('/readyz', port))).ok);
    await postStored('invoice', 'via-entrypoint', port);
    expect(await depth('invoice')).toBe(stored[queueOf('invoice')]);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});

test('RabbitMQ down: 503 and not ready; what was confirmed survives a broker restart', async () => {
  await rabbit.kill();
  await eventually('forwarder not ready', async () => !(await ready()));
  const res = await postBinary(`/${NAMESPACE}`, 'checkout', 'while-down');
  expect(res.status).toBe(503);
  counted.failed += 1;
  expect(forwarderLog.join('\n')).toMatch(/connection lost/);

  await amqp.close().catch(() => undefined);
  await rabbit.restart();
  await eventually('forwarder reconnected', ready, 30_000);
  await openChannel();
  expect(await depth('checkout')).toBe(stored[queueOf('checkout')]);
  expect(await depth('invoice')).toBe(stored[queueOf('invoice')]);
  await postStored('invoice', 'after-restart');
  expect(await depth('invoice')).toBe(stored[queueOf('invoice')]);
  expect(await forwarderCounters()).toEqual(counted);
});
