// Who may post dead letters: the forwarder's sender check against a real kube-apiserver's TokenReview API, with
// the forwarder's own ServiceAccount and RBAC from k8s/base/dlq-forwarder.yaml. A pod's token from another
// namespace, a token for another audience, or none at all is refused (and nothing is published); an oversized
// event gets its 413 answer before the connection is closed.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

import type { KubernetesObject } from '@kubernetes/client-node';
import { CoreV1Api, KubernetesObjectApi, loadAllYaml } from '@kubernetes/client-node';

import type { ControlPlane } from '../../local/control-plane/harness';
import { startControlPlane } from '../../local/control-plane/harness';
import type { DeadLetterPublisher } from '../src/dlq-forwarder/amqp-publisher';
import { ForwarderMetrics } from '../src/dlq-forwarder/forwarder-metrics';
import { ForwarderServer, MAX_EVENT_BYTES } from '../src/dlq-forwarder/http-server';
import { SenderCheck, tokenReviewer } from '../src/dlq-forwarder/sender-check';
import { INVOKE_EVENT_TYPE } from '../src/eventing/event-types';
import { DLQ_FORWARDER_AUDIENCE } from '../src/naming/names';

let cp: ControlPlane;
let server: ForwarderServer;
let port: number;
const published: string[] = [];

/** stands in for RabbitMQ only: what reaches it was let through */
const publisher = {
  ready: () => true,
  publish: async (exchange: string) => {
    published.push(exchange);
    return 'confirmed';
  },
} as unknown as DeadLetterPublisher;

async function tokenOf(namespace: string, serviceAccount: string, audience = DLQ_FORWARDER_AUDIENCE): Promise<string> {
  const core = cp.adminKubeConfig.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } }).catch(() => undefined);
  await core
    .createNamespacedServiceAccount({ namespace, body: { metadata: { name: serviceAccount } } })
    .catch(() => undefined);
  const request = await core.createNamespacedServiceAccountToken({
    namespace,
    name: serviceAccount,
    body: { spec: { audiences: [audience], expirationSeconds: 600 } },
  });
  return request.status!.token;
}

beforeAll(async () => {
  cp = await startControlPlane({ faultProxy: false });
  const objects = KubernetesObjectApi.makeApiClient(cp.adminKubeConfig);
  await objects.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'knative-lambda' } });
  const manifest = loadAllYaml(fs.readFileSync(path.resolve(__dirname, '../k8s/base/dlq-forwarder.yaml'), 'utf8'));
  for (const obj of manifest as KubernetesObject[]) {
    if (['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding'].includes(obj.kind ?? '')) {
      await objects.create(obj);
    }
  }
  const reviewerKc = await cp.kubeConfigForServiceAccount('knative-lambda', 'lambda-dlq-forwarder');
  server = new ForwarderServer(
    publisher,
    new ForwarderMetrics(),
    () => undefined,
    new SenderCheck(tokenReviewer(reviewerKc))
  );
  port = await server.listen('127.0.0.1', 0);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cp?.stop();
});

function post(namespace: string, token: string | undefined, body: Buffer | string = '{}') {
  return new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/${namespace}`,
        headers: {
          'content-type': 'application/json',
          'ce-specversion': '1.0',
          'ce-id': 'e1',
          'ce-source': 'test',
          'ce-type': INVOKE_EVENT_TYPE,
          'ce-subject': 'checkout',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, connection: res.headers.connection }));
      }
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('no token, or a token for another audience, is 401', async () => {
  expect(await post('shop', undefined)).toMatchObject({ status: 401, text: expect.stringMatching(/bearer token/) });
  const wrongAudience = await tokenOf('shop', 'dispatcher', 'https://kubernetes.default.svc');
  expect(await post('shop', wrongAudience)).toMatchObject({ status: 401 });
  expect(await post('shop', 'not-a-token')).toMatchObject({ status: 401 });
  expect(published).toEqual([]);
});

test('a pod of another namespace cannot post into this namespace`s dead-letter exchange (403)', async () => {
  const intruder = await tokenOf('elsewhere', 'default');
  const res = await post('shop', intruder);
  expect(res.status).toBe(403);
  expect(res.text).toMatch(/namespace elsewhere may not post dead letters into shop/);
  expect(published).toEqual([]);
});

test('the namespace`s own sender is let through to the exchange', async () => {
  const own = await tokenOf('shop', 'dispatcher');
  expect(await post('shop', own)).toMatchObject({ status: 202 });
  expect(published).toEqual(['shop.lambda-dlx']);
});

test('an oversized event is answered 413 before the connection closes', async () => {
  const own = await tokenOf('shop', 'dispatcher');
  const res = await post('shop', own, Buffer.alloc(MAX_EVENT_BYTES + 1024 * 1024, 'x'));
  expect(res.status).toBe(413);
  expect(res.text).toMatch(/larger than 4194304 bytes/);
  expect(res.connection).toBe('close');
  expect(published).toEqual(['shop.lambda-dlx']);
});
