// Stands in for Knative Serving: for every Knative Service, a Revision `<name>-0000N` per template change, the
// function wrapper run on the built artefact with the template's env (RevisionReplicas), an activator port as
// the Service's URL, and the Service's and Revisions' status as Knative writes them.
import { createHash } from 'node:crypto';
import * as path from 'node:path';

import type { KubernetesListObject, KubernetesObject, V1Container, V1Probe } from '@kubernetes/client-node';

import type { CustomResource } from '../../../pkg-operator/src/kube/resources';
import { apiVersionOf, customObjectsPathOf, RESOURCES } from '../../../pkg-operator/src/kube/resources';
import type { NodeContext } from '../context';
import { errorMessage, MERGE_PATCH, tolerate } from '../context';
import { resolveImage } from '../images/local-command';
import { KeyedRunner, reconcileLatest, watchResource } from '../kube/watch';
import { CreateContainerConfigError, resolveEnv } from '../pods/env';
import { probeOnce } from '../pods/probe';

import { Activator } from './activator';
import type { Condition, RevisionState } from './knative-status';
import { revisionStatus, serviceStatus } from './knative-status';
import { RevisionReplicas } from './revision-replicas';

const SERVICE = RESOURCES.knativeService;
const REVISION = RESOURCES.knativeRevision;
const TEMPLATE_HASH = 'local.knative-lambda.io/template-hash';
const READY_TIMEOUT_MS = 60_000;
const RETRY_MS = 5000;
/** failures that go away by themselves once something else happened (a build finished, a Secret appeared) */
const RETRIED = ['ContainerMissing', 'CreateContainerConfigError'];

interface KnativeService extends KubernetesObject {
  spec?: {
    template?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec?: RevisionSpec;
    };
  };
  status?: { conditions?: Condition[] };
}

interface RevisionSpec {
  containers?: V1Container[];
  serviceAccountName?: string;
  [key: string]: unknown;
}

interface RevisionEntry {
  name: string;
  hash: string;
  replicas?: RevisionReplicas;
  state: RevisionState;
  digest?: string;
  conditions?: Condition[];
  /** when a failed deployment is tried again */
  retryAt?: number;
  writing: Promise<void>;
}

interface ServiceEntry {
  activator: Activator;
  url: string;
  revisions: RevisionEntry[];
  serving?: RevisionEntry;
  conditions?: Condition[];
  /** the last status body written, so that our own write's watch event writes nothing */
  written?: string;
  deleted?: boolean;
}

export const revisionName = (service: string, n: number) => `${service}-${String(n).padStart(5, '0')}`;

function templateHash(ksvc: KnativeService): string {
  return createHash('sha256')
    .update(JSON.stringify(ksvc.spec?.template ?? {}))
    .digest('hex')
    .slice(0, 16);
}

export function startServiceController(ctx: NodeContext) {
  const services = new Map<string, ServiceEntry>();
  const latest = new Map<string, KnativeService>();
  const api = customObjectsPathOf;

  const patchStatus = (resource: CustomResource, namespace: string, name: string, body: object) =>
    ctx.custom.patchNamespacedCustomObjectStatus({ ...api(resource), namespace, name, body }, MERGE_PATCH);

  /** one write at a time per Revision, each from the state when it runs, so a later state is never overwritten */
  function writeRevisionStatus(namespace: string, rev: RevisionEntry): Promise<void> {
    const write = async () => {
      const body = revisionStatus(rev.state, rev.digest, 'user-container', rev.conditions);
      rev.conditions = body.status.conditions;
      await tolerate(patchStatus(REVISION, namespace, rev.name, body), 404);
    };
    const next = rev.writing.then(write);
    rev.writing = next.catch(() => undefined);
    return next;
  }

  async function writeServiceStatus(ksvc: KnativeService, entry: ServiceEntry) {
    const { namespace = '', name = '' } = ksvc.metadata ?? {};
    const created = entry.revisions[entry.revisions.length - 1];
    const body = serviceStatus(
      {
        name,
        generation: ksvc.metadata?.generation ?? 0,
        url: entry.url,
        latestCreated: created?.name,
        latestReady: entry.serving?.name,
        failure: created?.state.phase === 'failed' ? created.state : undefined,
      },
      entry.conditions ?? ksvc.status?.conditions
    );
    const text = JSON.stringify(body);
    if (text === entry.written) {
      return;
    }
    entry.conditions = body.status.conditions;
    entry.written = text;
    await tolerate(patchStatus(SERVICE, namespace, name, body), 404);
  }

  async function existingRevisions(namespace: string, service: string): Promise<KubernetesObject[]> {
    const list = (await ctx.custom.listNamespacedCustomObject({
      ...api(REVISION),
      namespace,
      labelSelector: `serving.knative.dev/service=${service}`,
    })) as KubernetesListObject<KubernetesObject>;
    return list.items;
  }

  async function createRevision(ksvc: KnativeService, entry: ServiceEntry, hash: string): Promise<RevisionEntry> {
    const { namespace = '', name = '', uid = '' } = ksvc.metadata ?? {};
    const existing = await existingRevisions(namespace, name);
    const same = existing.find((r) => r.metadata?.annotations?.[TEMPLATE_HASH] === hash);
    if (same) {
      return { name: same.metadata!.name!, hash, state: { phase: 'deploying' }, writing: Promise.resolve() };
    }
    const numbers = existing.map((r) => Number(/-(\d{5})$/.exec(r.metadata?.name ?? '')?.[1] ?? 0));
    const n = Math.max(0, entry.revisions.length, ...numbers) + 1;
    const revName = revisionName(name, n);
    const template = ksvc.spec?.template ?? {};
    await tolerate(
      ctx.custom.createNamespacedCustomObject({
        ...api(REVISION),
        namespace,
        body: {
          apiVersion: apiVersionOf(REVISION),
          kind: REVISION.kind,
          metadata: {
            name: revName,
            namespace,
            labels: {
              ...template.metadata?.labels,
              'serving.knative.dev/service': name,
              'serving.knative.dev/serviceUID': uid,
              'serving.knative.dev/configuration': name,
              'serving.knative.dev/configurationGeneration': String(n),
              'serving.knative.dev/routingState': 'active',
            },
            annotations: { ...template.metadata?.annotations, [TEMPLATE_HASH]: hash },
            ownerReferences: [
              {
                apiVersion: apiVersionOf(SERVICE),
                kind: SERVICE.kind,
                name,
                uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: template.spec ?? {},
        },
      }),
      409
    );
    return { name: revName, hash, state: { phase: 'deploying' }, writing: Promise.resolve() };
  }

  function replicasFor(
    ksvc: KnativeService,
    rev: RevisionEntry,
    entry: ServiceEntry
  ): RevisionReplicas | { failed: { reason: string; message: string } } {
    const { namespace = '', name = '' } = ksvc.metadata ?? {};
    const template = ksvc.spec?.template ?? {};
    const container = template.spec?.containers?.[0];
    if (!container) {
      return { failed: { reason: 'ContainerMissing', message: 'the Revision template has no container' } };
    }
    const resolved = resolveImage(ctx.images, ctx.repoRoot, container);
    if (!resolved.ok) {
      return { failed: { reason: resolved.reason, message: resolved.message } };
    }
    const { command } = resolved;
    rev.digest = command.imageId.startsWith('sha256:')
      ? `${(container.image ?? '').split(/[@]/)[0].replace(/:[^/:]*$/, '')}@${command.imageId}`
      : undefined;
    const annotations = template.metadata?.annotations ?? {};
    const minScale = Number(
      annotations['autoscaling.knative.dev/min-scale'] ?? annotations['autoscaling.knative.dev/minScale'] ?? 0
    );
    const containerPort = container.ports?.[0]?.containerPort ?? 8080;
    const labels = {
      ...template.metadata?.labels,
      app: rev.name,
      'serving.knative.dev/service': name,
      'serving.knative.dev/configuration': name,
      'serving.knative.dev/revision': rev.name,
    };
    return new RevisionReplicas(ctx, {
      namespace,
      revision: rev.name,
      labels,
      containerName: container.name ?? 'user-container',
      containerPort,
      minScale,
      launch: async (port, pod) => {
        const env = await resolveEnv(
          ctx.core,
          { namespace, name: pod, serviceAccountName: template.spec?.serviceAccountName ?? 'default', labels },
          container
        );
        return ctx.processes.start({
          kind: 'function',
          namespace,
          owner: rev.name,
          pod,
          bin: command.bin,
          args: command.args,
          cwd: command.cwd,
          ports: { 'user-port': port },
          env: {
            PATH: `${ctx.shimDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
            HOME: process.env.HOME ?? '/tmp',
            TMPDIR: path.join(ctx.rootDir, 'tmp'),
            ...command.env,
            ...env,
            PORT: String(port),
            LAMBDA_LISTEN_ADDRESS: '127.0.0.1',
            K_SERVICE: name,
            K_CONFIGURATION: name,
            K_REVISION: rev.name,
          },
        });
      },
      waitReady: async (port, proc) => {
        const deadline = Date.now() + READY_TIMEOUT_MS;
        const probe: V1Probe = container.readinessProbe ?? { httpGet: { path: '/', port: containerPort } };
        const ports = { byNumber: new Map([[containerPort, port]]), byName: new Map<string, number>() };
        while (Date.now() < deadline) {
          if (proc.hasExited()) {
            throw Object.assign(new Error(`Container failed with: ${proc.logTail(15)}`), {
              reason: `ExitCode${await proc.exited}`,
            });
          }
          if (await probeOnce(probe, ports, port)) {
            return;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        throw Object.assign(new Error(`the replica did not become ready within ${READY_TIMEOUT_MS / 1000} s`), {
          reason: 'ProgressDeadlineExceeded',
        });
      },
      onReplicas: (actual, desired) => {
        if (rev.state.phase === 'ready' && !entry.deleted) {
          rev.state = { phase: 'ready', actual, desired };
          void writeRevisionStatus(namespace, rev).catch((err: unknown) =>
            ctx.log(`revision ${rev.name}: ${errorMessage(err)}`)
          );
        }
      },
    });
  }

  /** starts the Revision's first replica and, once it is ready, routes the Service to it */
  async function deploy(key: string, ksvc: KnativeService, entry: ServiceEntry, rev: RevisionEntry): Promise<void> {
    const namespace = ksvc.metadata?.namespace ?? '';
    const before = JSON.stringify(rev.state);
    const replicas = replicasFor(ksvc, rev, entry);
    if ('failed' in replicas) {
      rev.state = { phase: 'failed', ...replicas.failed };
    } else {
      rev.replicas = replicas;
      try {
        await replicas.start();
        rev.state = { phase: 'ready', actual: replicas.actual, desired: 1 };
      } catch (err) {
        const reason =
          (err as { reason?: string }).reason ??
          (err instanceof CreateContainerConfigError ? 'CreateContainerConfigError' : 'RevisionFailed');
        rev.state = { phase: 'failed', reason, message: errorMessage(err) };
        await replicas.stop();
        rev.replicas = undefined;
      }
    }
    if (rev.state.phase === 'failed' && RETRIED.includes(rev.state.reason)) {
      // like the kubelet's image pull and config back-off: the image may be built, the Secret created, later
      rev.retryAt = Date.now() + RETRY_MS;
      setTimeout(() => runner.trigger(key), RETRY_MS).unref();
    }
    if (rev.state.phase === 'ready') {
      const previous = entry.serving;
      entry.serving = rev;
      entry.activator.backend = rev.replicas;
      if (previous && previous !== rev) {
        await previous.replicas?.stop();
        previous.state = { phase: 'ready', actual: 0, desired: 0 };
        await writeRevisionStatus(namespace, previous);
      }
    }
    await writeRevisionStatus(namespace, rev);
    if (JSON.stringify(rev.state) !== before) {
      ctx.log(
        `service ${key}: revision ${rev.name} ${rev.state.phase}${rev.state.phase === 'failed' ? `: ${rev.state.message}` : ''}`
      );
    }
  }

  async function reconcile(key: string): Promise<void> {
    const ksvc = latest.get(key);
    let entry = services.get(key);
    if (!ksvc) {
      if (entry) {
        await removeService(key, entry);
      }
      return;
    }
    if (!entry) {
      const activator = new Activator({ log: ctx.log });
      const port = await activator.listen();
      entry = { activator, url: `http://127.0.0.1:${port}`, revisions: [] };
      services.set(key, entry);
    }
    const hash = templateHash(ksvc);
    let rev = entry.revisions.find((r) => r.hash === hash);
    if (!rev) {
      rev = await createRevision(ksvc, entry, hash);
      entry.revisions.push(rev);
      await writeServiceStatus(ksvc, entry);
      await deploy(key, ksvc, entry, rev);
    } else if (rev.retryAt !== undefined && Date.now() >= rev.retryAt) {
      rev.retryAt = undefined;
      await deploy(key, ksvc, entry, rev);
    }
    if (entry.deleted) {
      return;
    }
    await writeServiceStatus(ksvc, entry);
  }

  async function removeService(key: string, entry: ServiceEntry) {
    entry.deleted = true;
    services.delete(key);
    await entry.activator.close();
    await Promise.all(entry.revisions.map((r) => r.replicas?.stop()));
    const [namespace, name] = key.split('/');
    for (const rev of await existingRevisions(namespace, name).catch(() => [])) {
      await tolerate(
        ctx.custom.deleteNamespacedCustomObject({ ...api(REVISION), namespace, name: rev.metadata!.name! }),
        404
      );
    }
  }

  const runner = new KeyedRunner(reconcile, ctx.log);
  const watch = watchResource<KnativeService>(
    ctx.kc,
    `/apis/${apiVersionOf(SERVICE)}/${SERVICE.plural}`,
    () => ctx.custom.listClusterCustomObject(api(SERVICE)) as Promise<KubernetesListObject<KnativeService>>,
    reconcileLatest(latest, runner),
    ctx.log
  );

  return {
    /** the Service's URL here (its activator), once the node has seen it */
    url: (namespace: string, name: string) => services.get(`${namespace}/${name}`)?.url,
    async stop() {
      await watch.stop();
      await runner.stop();
      for (const [key, entry] of services) {
        entry.deleted = true;
        services.delete(key);
        await entry.activator.close();
        await Promise.all(entry.revisions.map((r) => r.replicas?.stop()));
      }
    },
  };
}
