// Objects the resource-API tests create in the control plane: LambdaFunctions with a status (as the
// operator would write it), a build Job, the Events the operator's own recorder writes, a Knative Service, and
// the documented Grafana RBAC.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { BatchV1Api, CustomObjectsApi, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

import { K8S_LABELS } from '../../../contract/labels';
import { lambdaFunction, LF } from '../../../local/control-plane/fixtures';
import type { ControlPlane } from '../../../local/control-plane/harness';
import { REPO_ROOT } from '../../../local/host/server/plugin-backend/backend-process';
import type { LambdaFunction } from '../../../pkg-operator/src/api';
import { EventRecorder } from '../../../pkg-operator/src/events/event-recorder';
import { KubeGateway } from '../../../pkg-operator/src/kube/gateway';
import { apiVersionOf, customObjectsPathOf, RESOURCES } from '../../../pkg-operator/src/kube/resources';
import { EVENT_CONTROLLER } from '../../../pkg-operator/src/operator';

export async function applyYamlFile(kc: KubeConfig, file: string): Promise<void> {
  const objects = KubernetesObjectApi.makeApiClient(kc);
  for (const doc of parseAllDocuments(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))) {
    const obj = doc.toJS() as KubernetesObject | null;
    if (obj) {
      await objects.patch(obj, undefined, undefined, 'backend-tests', true, PatchStrategy.ServerSideApply);
    }
  }
}

export async function ensureNamespace(kc: KubeConfig, name: string): Promise<void> {
  await KubernetesObjectApi.makeApiClient(kc).patch(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    undefined,
    undefined,
    'backend-tests',
    true,
    PatchStrategy.ServerSideApply
  );
}

export interface FunctionFixture {
  namespace: string;
  name: string;
  language: 'nodejs' | 'python' | 'go';
  phase?: string;
  slo?: { objective: number; latencyTarget: number };
}

const VERSIONS = { nodejs: '20', python: '3.11', go: '1.22' };
const HANDLERS = { nodejs: 'index.handler', python: 'main.handler', go: 'main.Handle' };

export async function createFunction(kc: KubeConfig, f: FunctionFixture): Promise<void> {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const body = lambdaFunction(f.namespace, f.name, {
    runtime: { language: f.language, version: VERSIONS[f.language], handler: HANDLERS[f.language] },
    ...(f.slo ? { slo: f.slo } : {}),
  });
  await custom.createNamespacedCustomObject({
    group: LF.group,
    version: LF.version,
    namespace: f.namespace,
    plural: LF.plural,
    body,
  });
  if (!f.phase) {
    return;
  }
  const current = (await custom.getNamespacedCustomObject({
    group: LF.group,
    version: LF.version,
    namespace: f.namespace,
    plural: LF.plural,
    name: f.name,
  })) as KubernetesObject & Record<string, unknown>;
  const ready = f.phase === 'Ready';
  const now = new Date().toISOString();
  current.status = {
    phase: f.phase,
    observedGeneration: 1,
    conditions: [
      {
        type: 'Ready',
        status: ready ? 'True' : 'False',
        reason: ready ? 'Ready' : 'NotReady',
        message: `phase ${f.phase}`,
        lastTransitionTime: now,
        observedGeneration: 1,
      },
    ],
    build: {
      jobName: `${f.name}-build-abc123`,
      image: `registry.local/${f.namespace}/${f.name}:abc123`,
      startedAt: now,
      completedAt: now,
    },
    service: {
      name: f.name,
      url: `http://${f.name}.${f.namespace}.example.com`,
      latestReadyRevision: `${f.name}-00001`,
      ready,
    },
  };
  await custom.replaceNamespacedCustomObjectStatus({
    group: LF.group,
    version: LF.version,
    namespace: f.namespace,
    plural: LF.plural,
    name: f.name,
    body: current,
  });
}

/**
 * The operator's Events for one function, written by the operator's EventRecorder (events.k8s.io/v1): a build
 * that started twice within the series window (one Event, series.count 2), then a deployment, a second apart.
 */
async function recordOperatorEvents(kc: KubeConfig, namespace: string, name: string): Promise<void> {
  const fn = (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: LF.group,
    version: LF.version,
    plural: LF.plural,
    namespace,
    name,
  })) as LambdaFunction;
  const clock = { t: Date.now() - 10_000 };
  const events = new EventRecorder(new KubeGateway(kc, 'backend-tests'), {
    controller: EVENT_CONTROLLER,
    instance: 'operator-0',
    now: () => clock.t,
  });
  const started = {
    type: 'Normal',
    reason: 'BuildStarted',
    action: 'Build',
    note: `build Job ${name}-build-abc123 created`,
  } as const;
  events.record(fn, started);
  await events.flush();
  clock.t += 500;
  events.record(fn, started);
  clock.t += 500;
  events.record(fn, { type: 'Normal', reason: 'Deployed', action: 'Deploy', note: `Knative Service ${name} applied` });
  await events.flush();
  if (events.stats.failed > 0) {
    throw new Error(`recording the operator's Events failed: ${JSON.stringify(events.stats)}`);
  }
}

/** A build Job, the operator's Events and a Knative Service for one function. */
export async function createFunctionRelations(kc: KubeConfig, namespace: string, name: string): Promise<void> {
  await kc.makeApiClient(BatchV1Api).createNamespacedJob({
    namespace,
    body: {
      metadata: { name: `${name}-build-abc123`, labels: { [K8S_LABELS.function]: name } },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'kaniko', image: 'gcr.io/kaniko-project/executor:v1.23.2' }],
          },
        },
      },
    },
  });
  await kc.makeApiClient(BatchV1Api).createNamespacedJob({
    namespace,
    body: {
      metadata: { name: `unrelated-job`, labels: { [K8S_LABELS.function]: `${name}-other` } },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'x', image: 'busybox' }] } } },
    },
  });
  await recordOperatorEvents(kc, namespace, name);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const ksvc = { ...customObjectsPathOf(RESOURCES.knativeService), namespace };
  await custom.createNamespacedCustomObject({
    ...ksvc,
    body: {
      apiVersion: apiVersionOf(RESOURCES.knativeService),
      kind: RESOURCES.knativeService.kind,
      metadata: { name },
      spec: { template: { spec: { containers: [{ image: 'x' }] } } },
    },
  });
  const current = (await custom.getNamespacedCustomObject({ ...ksvc, name })) as Record<string, unknown>;
  current.status = {
    url: `http://${name}.${namespace}.example.com`,
    latestReadyRevisionName: `${name}-00001`,
    latestCreatedRevisionName: `${name}-00001`,
    conditions: [{ type: 'Ready', status: 'True' }],
  };
  await custom.replaceNamespacedCustomObjectStatus({ ...ksvc, name, body: current });
}

/**
 * Grafana's identity in the cluster: the ServiceAccount grafana/grafana bound by backend/rbac/grafana-reader.yaml,
 * as a kubeconfig file (0600) in `dir` for the backend's `kubeconfig` mode. Returns the file's path.
 */
export async function grafanaReaderKubeconfig(cp: ControlPlane, dir: string): Promise<string> {
  await cp.tokenFor('grafana', 'grafana');
  await applyYamlFile(cp.adminKubeConfig, 'backend/rbac/grafana-reader.yaml');
  const file = path.join(dir, 'grafana-sa.kubeconfig');
  fs.writeFileSync(file, (await cp.kubeConfigForServiceAccount('grafana', 'grafana')).exportConfig(), { mode: 0o600 });
  return file;
}
