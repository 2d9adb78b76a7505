// The whole chain with the real operator deployed from its manifests (as `kubectl apply -k pkg-operator/k8s/base`
// does, minus the CRD the control plane installs): LambdaFunctions in all three runtimes are built by the node,
// deployed by the operator by digest, served by the node, and answer through their URL.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { KubernetesObject } from '@kubernetes/client-node';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import { waitFor } from '../support/wait-for';

import { localNodePerFile, manifests, REPO } from './testing/node-per-file';

const NS = 'team';
const LF = { group: 'lambda.knative.io', version: 'v1alpha1', plural: 'lambdafunctions', namespace: NS };

const env = localNodePerFile({
  setup: async ({ cp, objects }) => {
    const kustomization = fs.readFileSync(path.join(REPO, 'pkg-operator/k8s/base/kustomization.yaml'), 'utf8');
    for (const [, file] of kustomization.matchAll(/^\s+-\s+(\S+\.yaml)$/gm)) {
      for (const obj of manifests(file)) {
        if (obj.kind !== 'CustomResourceDefinition') {
          await objects.create(obj);
        }
      }
    }
    // the namespace opts in (label + RoleBinding), as pkg-operator/README.md says
    await cp.adminKubeConfig.makeApiClient(CoreV1Api).createNamespace({
      body: { metadata: { name: NS, labels: { 'lambda.knative.io/enabled': 'true' } } },
    });
    await objects.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'knative-lambda-operator', namespace: NS },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'knative-lambda-operator-functions',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'knative-lambda-operator', namespace: 'knative-lambda' }],
    } as KubernetesObject);
  },
});

const functions: Array<[string, string, string, string, unknown]> = [
  ['py', 'python', '3.11', 'def handler(data, context):\n    return {"py": data}\n', { py: 'hi' }],
  ['js', 'nodejs', '20', 'exports.handler = async (data) => ({ js: data });\n', { js: 'hi' }],
  [
    'gofn',
    'go',
    '1.22',
    'package fn\n\nimport (\n\t"context"\n\t"encoding/json"\n)\n\nfunc Handle(ctx context.Context, data json.RawMessage) (any, error) {\n\treturn map[string]any{"go": true}, nil\n}\n',
    { go: true },
  ],
];

interface FunctionStatus {
  phase?: string;
  build?: { imageDigest?: string; jobName?: string };
  service?: { url?: string };
}

test('LambdaFunctions of every runtime go Ready through the operator and answer at their URL', async () => {
  const custom = env().cp.adminKubeConfig.makeApiClient(CustomObjectsApi);
  const core = env().cp.adminKubeConfig.makeApiClient(CoreV1Api);
  for (const [name, language, version, code] of functions) {
    await custom.createNamespacedCustomObject({
      ...LF,
      body: {
        apiVersion: 'lambda.knative.io/v1alpha1',
        kind: 'LambdaFunction',
        metadata: { name },
        spec: { source: { inline: { code } }, runtime: { language, version } },
      },
    });
  }
  for (const [name, , , , answer] of functions) {
    const status = await waitFor(
      `${name} to be Ready`,
      async () => {
        const fn = (await custom.getNamespacedCustomObject({ ...LF, name })) as { status?: FunctionStatus };
        if (fn.status?.phase === 'Failed') {
          throw new Error(`${name} failed: ${JSON.stringify(fn.status)}`);
        }
        return fn.status?.phase === 'Ready' && fn.status;
      },
      { timeoutMs: 80_000, intervalMs: 250 }
    );
    // the digest the operator recorded is the one the node's build Pod reported
    const pods = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: `batch.kubernetes.io/job-name=${status.build?.jobName}`,
    });
    expect(status.build?.imageDigest).toBe(pods.items[0].status?.containerStatuses?.[0].state?.terminated?.message);
    expect(status.service?.url).toBe(env().node.functionUrl(NS, name));
    const res = await fetch(status.service!.url!, {
      method: 'POST',
      body: '"hi"',
      headers: { 'content-type': 'application/json' },
    });
    expect([name, res.status, await res.json()]).toEqual([name, 200, answer]);
  }
}, 100_000);

test('the dead-letter forwarder without its RabbitMQ Secret is unavailable, with the reason', async () => {
  const apps = env().cp.adminKubeConfig.makeApiClient(AppsV1Api);
  const available = await waitFor('the forwarder status', async () => {
    const d = await apps.readNamespacedDeployment({ namespace: 'knative-lambda', name: 'lambda-dlq-forwarder' });
    return d.status?.conditions?.find((c) => c.type === 'Available');
  });
  expect(available.status).toBe('False');
  expect(available.message).toMatch(/CreateContainerConfigError: .*lambda-dlq-forwarder-rabbitmq/);
  expect(
    env()
      .node.processes()
      .filter((p) => p.owner === 'lambda-dlq-forwarder')
  ).toEqual([]);
});

test('a code change rebuilds and rolls out Revision 00002; the previous replica stops', async () => {
  const custom = env().cp.adminKubeConfig.makeApiClient(CustomObjectsApi);
  await custom.patchNamespacedCustomObject(
    {
      ...LF,
      name: 'py',
      body: { spec: { source: { inline: { code: 'def handler(data, context):\n    return {"v2": data}\n' } } } },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch)
  );
  const status = await waitFor(
    'py generation 2 to be Ready',
    async () => {
      const fn = (await custom.getNamespacedCustomObject({ ...LF, name: 'py' })) as {
        status?: FunctionStatus & { observedGeneration?: number; service?: { latestReadyRevision?: string } };
      };
      return fn.status?.observedGeneration === 2 && fn.status.phase === 'Ready' && fn.status;
    },
    { timeoutMs: 60_000, intervalMs: 250 }
  );
  expect(status.service?.latestReadyRevision).toBe('py-00002');
  const res = await fetch(status.service!.url!, { method: 'POST', body: '"hi"' });
  expect(await res.json()).toEqual({ v2: 'hi' });
  expect(
    env()
      .node.processes()
      .filter((p) => p.owner.startsWith('py-'))
      .map((p) => p.owner)
  ).toEqual(['py-00002']);
}, 70_000);
