// The local node against a real control plane and real processes (no operator for builds and serving: the tests
// create exactly the objects the operator would, with the operator's own code).
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { V1Job } from '@kubernetes/client-node';
import {
  AppsV1Api,
  AuthenticationV1Api,
  BatchV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';

import type { CustomResource } from '../../pkg-operator/src/kube/resources';
import { customObjectsPathOf, RESOURCES } from '../../pkg-operator/src/kube/resources';
import { waitFor } from '../support/wait-for';

import { localNodePerFile, manifests } from './testing/node-per-file';
import { buildObjects, lambdaFunction, serviceFor } from './testing/operator-objects';

const NS = 'fns';
const IDLE_MS = 1500;

const env = localNodePerFile({
  idleWindowMs: IDLE_MS,
  setup: async ({ cp, objects }) => {
    await cp.adminKubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: NS } } });
    for (const obj of [...manifests('namespace.yaml'), ...manifests('podmonitor.yaml')]) {
      await objects.create(obj);
    }
  },
});
const admin = () => env().cp.adminKubeConfig;
const core = () => admin().makeApiClient(CoreV1Api);
const batch = () => admin().makeApiClient(BatchV1Api);
const custom = () => admin().makeApiClient(CustomObjectsApi);
const serving = (resource: CustomResource) => ({ ...customObjectsPathOf(resource), namespace: NS });

async function submitBuild(objects: ReturnType<typeof buildObjects>): Promise<void> {
  for (const cm of objects.configMaps) {
    await core().createNamespacedConfigMap({ namespace: NS, body: cm });
  }
  await batch().createNamespacedJob({ namespace: NS, body: objects.job });
}

const finished = (name: string) =>
  waitFor(
    `job ${name} to finish`,
    async () => {
      const job = await batch().readNamespacedJob({ namespace: NS, name });
      return job.status?.conditions?.some((c) => ['Complete', 'Failed'].includes(c.type) && c.status === 'True') && job;
    },
    { timeoutMs: 80_000, intervalMs: 200 }
  );

async function terminationMessage(job: V1Job): Promise<string | undefined> {
  const pods = await core().listNamespacedPod({ namespace: NS, labelSelector: `job-name=${job.metadata!.name}` });
  expect(pods.items).toHaveLength(1);
  expect(pods.items[0].metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Job', uid: job.metadata!.uid });
  return pods.items[0].status?.containerStatuses?.[0]?.state?.terminated?.message;
}

const python = lambdaFunction(NS, 'hello-py', {
  source: { inline: { code: 'def handler(data, context):\n    return {"hello": data}\n' } },
  runtime: { language: 'python', version: '3.11' },
  scaling: { minReplicas: 0 },
});
const go = lambdaFunction(NS, 'hello-go', {
  source: {
    inline: {
      code: 'package hello\n\nimport (\n\t"context"\n\t"encoding/json"\n)\n\nfunc Handle(ctx context.Context, data json.RawMessage) (any, error) {\n\treturn map[string]any{"go": true}, nil\n}\n',
    },
  },
  runtime: { language: 'go', version: '1.22' },
});
const broken = lambdaFunction(NS, 'broken-go', {
  source: { inline: { code: 'package broken\n\nfunc Handle() { undefinedThing() }\n' } },
  runtime: { language: 'go', version: '1.22' },
});
const pyBuild = buildObjects(python, 2048); // several ConfigMap parts, joined as the init container joins them
const goBuild = buildObjects(go);
const brokenBuild = buildObjects(broken);

test('build Jobs run the runtimes Dockerfiles: Complete with a digest, or Failed with the compiler message', async () => {
  expect(pyBuild.configMaps.length).toBeGreaterThan(1);
  await Promise.all([submitBuild(pyBuild), submitBuild(goBuild), submitBuild(brokenBuild)]);
  const [py, goJob, bad] = await Promise.all([
    finished(pyBuild.job.metadata!.name!),
    finished(goBuild.job.metadata!.name!),
    finished(brokenBuild.job.metadata!.name!),
  ]);
  for (const job of [py, goJob]) {
    expect(job.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(job.status?.succeeded).toBe(1);
    const seconds =
      (new Date(job.status!.completionTime!).getTime() - new Date(job.status!.startTime!).getTime()) / 1000;
    // metav1.Time has whole seconds, as in a cluster: a sub-second Python build may read 0
    expect(seconds).toBeGreaterThanOrEqual(job === goJob ? 1 : 0);
    expect(await terminationMessage(job)).toMatch(/^sha256:[0-9a-f]{64}$/);
  }
  expect(bad.status?.conditions?.map((c) => [c.type, c.reason])).toEqual([
    ['FailureTarget', 'BackoffLimitExceeded'],
    ['Failed', 'BackoffLimitExceeded'],
  ]);
  expect(bad.status?.conditions?.[1].message).toMatch(/undefined: undefinedThing/);
  expect(bad.status?.completionTime).toBeUndefined();
  expect(await terminationMessage(bad)).toBeUndefined();
}, 90_000);

test('a build that outlives activeDeadlineSeconds fails with DeadlineExceeded', async () => {
  // its context ConfigMaps never appear: the pod waits for its volumes, as in a cluster, until the deadline
  const late = buildObjects(lambdaFunction(NS, 'late', python.spec));
  late.job.spec!.activeDeadlineSeconds = 2;
  await batch().createNamespacedJob({ namespace: NS, body: late.job });
  const job = await finished(late.job.metadata!.name!);
  expect(job.status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
    ['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
    ['Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
  ]);
});

/** one file_sd file of the node, written now */
function targetFile(name: string): unknown {
  env().node.flushTargets();
  return JSON.parse(fs.readFileSync(path.join(env().targetsDir, 'honor-labels', name), 'utf8'));
}

const revision = (name: string) =>
  custom().getNamespacedCustomObject({ ...serving(RESOURCES.knativeRevision), name }) as Promise<{
    status?: {
      actualReplicas?: number;
      desiredReplicas?: number;
      conditions?: Array<{ type: string; status: string }>;
    };
  }>;

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return Number(line?.split(' ').pop());
}

test('a Knative Service gets a Revision, Ready status and a URL that answers; min-scale 0 scales to zero and back', async () => {
  await custom().createNamespacedCustomObject({
    ...serving(RESOURCES.knativeService),
    body: serviceFor(python, pyBuild.image),
  });
  const ksvc = await waitFor(
    'the Service to be Ready',
    async () => {
      const s = (await custom().getNamespacedCustomObject({
        ...serving(RESOURCES.knativeService),
        name: 'hello-py',
      })) as {
        metadata: { generation: number };
        status?: {
          observedGeneration?: number;
          url?: string;
          latestReadyRevisionName?: string;
          conditions?: Array<{ type: string; status: string }>;
        };
      };
      return s.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' && s;
    },
    { timeoutMs: 30_000, intervalMs: 100 }
  );
  expect(ksvc.status).toMatchObject({
    observedGeneration: ksvc.metadata.generation,
    latestReadyRevisionName: 'hello-py-00001',
  });
  const url = ksvc.status!.url!;
  expect(url).toBe(env().node.functionUrl(NS, 'hello-py'));
  const first = await fetch(url, { method: 'POST', body: '"x"', headers: { 'content-type': 'application/json' } });
  expect(first.status).toBe(200);
  expect(await first.json()).toEqual({ hello: 'x' });
  const firstPod = env()
    .node.processes()
    .find((p) => p.kind === 'function' && p.owner === 'hello-py-00001')!.pod;
  const targets = targetFile('podmonitor-knative-lambda-knative-lambda-functions-0.json');
  expect(targets).toEqual([
    {
      targets: [expect.stringMatching(/^127\.0\.0\.1:\d+$/)],
      labels: {
        __metrics_path__: '/metrics',
        __scheme__: 'http',
        job: 'knative-lambda/knative-lambda-functions',
        namespace: NS,
        pod: firstPod,
        container: 'user-container',
        endpoint: 'user-port',
        function: 'hello-py',
        runtime: 'python',
      },
    },
  ]);

  // idle → scaled to zero: the process is gone and the Revision reports 0 replicas
  await waitFor('scale to zero', async () => (await revision('hello-py-00001')).status?.actualReplicas === 0, {
    timeoutMs: IDLE_MS + 10_000,
    intervalMs: 100,
  });
  expect(
    env()
      .node.processes()
      .filter((p) => p.owner === 'hello-py-00001')
  ).toEqual([]);
  const zero = await revision('hello-py-00001');
  expect(zero.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  expect(zero.status?.conditions?.find((c) => c.type === 'Active')?.status).toBe('False');

  // the next request is held by the activator while a new process cold-starts
  const again = await fetch(url, { method: 'POST', body: '"y"', headers: { 'content-type': 'application/json' } });
  expect(again.status).toBe(200);
  const secondPod = env()
    .node.processes()
    .find((p) => p.owner === 'hello-py-00001')!.pod;
  expect(secondPod).not.toBe(firstPod);
  expect(await metric(url, 'knative_lambda_function_cold_starts_total')).toBe(1);
  expect(await metric(url, 'knative_lambda_function_init_duration_seconds_count')).toBe(1);
  expect((await revision('hello-py-00001')).status?.actualReplicas).toBe(1);
}, 60_000);

async function readyService(name: string) {
  return waitFor(
    `the Service ${name} to be Ready`,
    async () => {
      const s = (await custom().getNamespacedCustomObject({ ...serving(RESOURCES.knativeService), name })) as {
        status?: { url?: string; conditions?: Array<{ type: string; status: string }> };
      };
      return s.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' && s.status.url;
    },
    { timeoutMs: 30_000, intervalMs: 100 }
  );
}

test('a Go artefact serves: the binary compiled with the wrapper answers through the activator', async () => {
  await custom().createNamespacedCustomObject({
    ...serving(RESOURCES.knativeService),
    body: serviceFor(go, goBuild.image),
  });
  const url = await readyService('hello-go');
  const res = await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ go: true });
});

test('a Service whose image the node never built reports ContainerMissing', async () => {
  const missing = lambdaFunction(NS, 'missing-image', go.spec);
  await custom().createNamespacedCustomObject({
    ...serving(RESOURCES.knativeService),
    body: serviceFor(missing, 'registry.example/nope:1'),
  });
  const ready = await waitFor(
    'the Service to fail',
    async () => {
      const s = (await custom().getNamespacedCustomObject({
        ...serving(RESOURCES.knativeService),
        name: 'missing-image',
      })) as {
        status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
      };
      const c = s.status?.conditions?.find((x) => x.type === 'Ready');
      return c?.status === 'False' && c;
    },
    { timeoutMs: 20_000, intervalMs: 100 }
  );
  expect(ready.reason).toBe('RevisionFailed');
  expect(ready.message).toMatch(/Unable to fetch image "registry.example\/nope:1"/);
});

test('deleting a Service stops its process and removes its Revisions and targets', async () => {
  type Groups = Array<{ labels: Record<string, string> }>;
  const functions = () =>
    (targetFile('podmonitor-knative-lambda-knative-lambda-functions-0.json') as Groups).map((g) => g.labels.function);
  expect(
    env()
      .node.processes()
      .some((p) => p.owner === 'hello-go-00001')
  ).toBe(true);
  expect(functions()).toContain('hello-go');
  await custom().deleteNamespacedCustomObject({ ...serving(RESOURCES.knativeService), name: 'hello-go' });
  await waitFor(
    'the process to stop',
    async () =>
      !env()
        .node.processes()
        .some((p) => p.owner === 'hello-go-00001')
  );
  await waitFor('the Revision to go', async () => {
    const list = (await custom().listNamespacedCustomObject({
      ...serving(RESOURCES.knativeRevision),
      labelSelector: 'serving.knative.dev/service=hello-go',
    })) as { items: unknown[] };
    return list.items.length === 0;
  });
  expect(functions()).not.toContain('hello-go');
});

test('the operator Deployment runs as its ServiceAccount (not admin) and reports readyReplicas', async () => {
  const kc = admin();
  const { objects } = env();
  for (const obj of [
    'serviceaccount.yaml',
    'rbac.yaml',
    'service.yaml',
    'servicemonitor.yaml',
    'deployment.yaml',
  ].flatMap(manifests)) {
    await objects.create(obj);
  }
  const apps = kc.makeApiClient(AppsV1Api);
  const deployment = await waitFor(
    'the operator to be ready',
    async () => {
      const d = await apps.readNamespacedDeployment({ namespace: 'knative-lambda', name: 'knative-lambda-operator' });
      return (d.status?.readyReplicas ?? 0) === 1 && d;
    },
    { timeoutMs: 60_000, intervalMs: 250 }
  );
  expect(deployment.status).toMatchObject({
    observedGeneration: deployment.metadata?.generation,
    availableReplicas: 1,
  });
  expect(deployment.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
  const pod = env()
    .node.processes()
    .find((p) => p.kind === 'pod' && p.owner === 'knative-lambda-operator')!;
  expect(pod.pod).toMatch(/^knative-lambda-operator-[0-9a-f]{10}-[a-z0-9]{5}$/);
  // its identity: the kubeconfig the node wrote for it authenticates as the ServiceAccount
  const podKc = new KubeConfig();
  podKc.loadFromFile(path.join(env().node.dir, 'pods', `knative-lambda-${pod.pod}`, 'serviceaccount', 'kubeconfig'));
  const review = await podKc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
  expect(review.status?.userInfo?.username).toBe('system:serviceaccount:knative-lambda:knative-lambda-operator');
  // and it really used it: it holds the leader Lease under its pod name
  const lease = await waitFor(
    'the leader Lease',
    async () =>
      (
        await kc
          .makeApiClient(CoordinationV1Api)
          .readNamespacedLease({ namespace: 'knative-lambda', name: 'knative-lambda-operator' })
      ).spec,
    { timeoutMs: 20_000 }
  );
  expect(lease.holderIdentity).toBe(pod.pod);
  const targets = targetFile('servicemonitor-knative-lambda-knative-lambda-operator-0.json');
  expect(targets).toEqual([
    {
      targets: [`127.0.0.1:${pod.ports.metrics}`],
      labels: expect.objectContaining({
        job: 'knative-lambda-operator',
        namespace: 'knative-lambda',
        service: 'knative-lambda-operator',
        endpoint: 'metrics',
        pod: pod.pod,
        container: 'operator',
      }),
    },
  ]);
  expect((await fetch(`http://127.0.0.1:${pod.ports.metrics}/metrics`)).status).toBe(200);
}, 90_000);

test('a Deployment whose image the node cannot run stays unavailable, saying why', async () => {
  const apps = admin().makeApiClient(AppsV1Api);
  const labels = { app: 'elsewhere' };
  await apps.createNamespacedDeployment({
    namespace: NS,
    body: {
      metadata: { name: 'elsewhere' },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'c', image: 'docker.io/library/nginx:1.27' }] },
        },
      },
    },
  });
  const available = await waitFor('its status to say why', async () => {
    const d = await apps.readNamespacedDeployment({ namespace: NS, name: 'elsewhere' });
    const condition = d.status?.conditions?.find((c) => c.type === 'Available');
    return condition?.message?.includes('ErrImagePull') && condition;
  });
  expect(available.status).toBe('False');
  expect(available.message).toMatch(/ErrImagePull: Unable to fetch image "docker.io\/library\/nginx:1.27"/);
  expect(
    env()
      .node.processes()
      .filter((p) => p.owner === 'elsewhere')
  ).toEqual([]);
});

test('stop() leaves no process, port or file behind', async () => {
  const pids = env()
    .node.processes()
    .map((p) => p.pid);
  expect(pids.length).toBeGreaterThan(0);
  const url = env().node.functionUrl(NS, 'hello-py')!;
  await env().node.stop();
  await env().node.stop();
  const alive = pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  expect(alive).toEqual([]);
  expect(fs.existsSync(env().node.dir)).toBe(false);
  expect(fs.readdirSync(env().targetsDir)).toEqual([]);
  await expect(fetch(url)).rejects.toThrow();
});
