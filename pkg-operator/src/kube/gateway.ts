// The operator's only door to the Kubernetes API (besides informer watches). Each method names its entry in
// API_CALLS, so the RBAC test and the code cannot drift apart.
import type { KubeConfig, V1ConfigMap, V1Job, V1Namespace, V1Pod } from '@kubernetes/client-node';
import { BatchV1Api, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import type { LambdaFunction, LambdaFunctionStatus, ObjectMeta } from '../api';
import type { EventSeries, KubeEvent } from '../events/event-recorder';

import type { ApiCallId } from './api-calls';
import { apiClientWithDeadlines, DEFAULT_DEADLINE_MS, withDeadline } from './deadline';
import { isNotFound } from './errors';
import type { CustomResource } from './resources';
import { RESOURCES } from './resources';

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta & { ownerReferences?: unknown[] };
  [key: string]: unknown;
}

export interface ObjectList<T> {
  items: T[];
  metadata?: { resourceVersion?: string };
}

const LEASES = { group: 'coordination.k8s.io', version: 'v1', plural: 'leases' };
const EVENTS = { group: 'events.k8s.io', version: 'v1', plural: 'events' };
/** Events are best effort: they may not hold up a reconcile's effects or a shutdown for long */
const EVENT_DEADLINE_MS = 5_000;

/** coordination.k8s.io/v1 Lease as JSON (times are RFC 3339 strings with microseconds) */
export interface Lease {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const APPLY_PATCH = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
/** an unknown field fails the write instead of being pruned in silence (apply refuses one anyway, with 500) */
const STRICT = 'Strict';

export class KubeGateway {
  /** API requests made through this gateway, by call id (watches are not included) */
  readonly requestCounts = new Map<ApiCallId, number>();
  private readonly custom: CustomObjectsApi;
  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;

  constructor(
    readonly kubeConfig: KubeConfig,
    private readonly fieldManager: string
  ) {
    this.custom = apiClientWithDeadlines(kubeConfig, CustomObjectsApi);
    this.batch = apiClientWithDeadlines(kubeConfig, BatchV1Api);
    this.core = apiClientWithDeadlines(kubeConfig, CoreV1Api);
  }

  /** every request has a deadline: a hung API server fails the call instead of blocking its caller */
  private call<T>(id: ApiCallId, request: () => Promise<T>, deadlineMs = DEFAULT_DEADLINE_MS): Promise<T> {
    this.requestCounts.set(id, (this.requestCounts.get(id) ?? 0) + 1);
    return withDeadline(id, deadlineMs, request);
  }

  totalRequests(): number {
    let total = 0;
    this.requestCounts.forEach((n) => (total += n));
    return total;
  }

  // LambdaFunctions

  listLambdaFunctions(namespace?: string): Promise<ObjectList<LambdaFunction>> {
    return this.listCustom('lambdaFunctionsRead', RESOURCES.lambdaFunction, namespace);
  }

  getLambdaFunction(namespace: string, name: string): Promise<LambdaFunction> {
    const r = RESOURCES.lambdaFunction;
    return this.call('lambdaFunctionsRead', () =>
      this.custom.getNamespacedCustomObject({ group: r.group, version: r.version, plural: r.plural, namespace, name })
    );
  }

  /** merge patch of metadata.finalizers, guarded by resourceVersion (409 when stale) */
  setFinalizers(fn: LambdaFunction, finalizers: string[]): Promise<LambdaFunction> {
    const r = RESOURCES.lambdaFunction;
    const { namespace = '', name = '', resourceVersion } = fn.metadata;
    return this.call('lambdaFunctionsFinalizer', () =>
      this.custom.patchNamespacedCustomObject(
        {
          group: r.group,
          version: r.version,
          plural: r.plural,
          namespace,
          name,
          body: { metadata: { finalizers, resourceVersion } },
        },
        MERGE_PATCH
      )
    );
  }

  /** replaces .status through the status subresource, guarded by resourceVersion (409 when stale) */
  writeStatus(fn: LambdaFunction, status: LambdaFunctionStatus): Promise<LambdaFunction> {
    const r = RESOURCES.lambdaFunction;
    const { namespace = '', name = '', resourceVersion } = fn.metadata;
    return this.call('lambdaFunctionsStatus', () =>
      this.custom.replaceNamespacedCustomObjectStatus({
        group: r.group,
        version: r.version,
        plural: r.plural,
        namespace,
        name,
        body: { apiVersion: fn.apiVersion, kind: fn.kind, metadata: { name, namespace, resourceVersion }, status },
        fieldValidation: STRICT,
      })
    );
  }

  // namespaces: which opted in

  listNamespaces(): Promise<ObjectList<V1Namespace>> {
    return this.call('namespacesRead', () => this.core.listNamespace());
  }

  /** build Pods: their termination message carries the image digest */
  listPods(namespace: string, labelSelector: string): Promise<ObjectList<V1Pod>> {
    return this.call('buildPodsRead', () => this.core.listNamespacedPod({ namespace, labelSelector }));
  }

  // build Jobs and their context

  listJobs(labelSelector: string, namespace?: string): Promise<ObjectList<V1Job>> {
    return this.call('jobsRead', () =>
      namespace
        ? this.batch.listNamespacedJob({ namespace, labelSelector })
        : this.batch.listJobForAllNamespaces({ labelSelector })
    );
  }

  createJob(namespace: string, job: V1Job): Promise<V1Job> {
    return this.call('jobsWrite', () => this.batch.createNamespacedJob({ namespace, body: job }));
  }

  deleteJob(namespace: string, name: string): Promise<unknown> {
    return this.call('jobsWrite', () =>
      this.batch.deleteNamespacedJob({ namespace, name, propagationPolicy: 'Background' })
    );
  }

  createConfigMap(namespace: string, configMap: V1ConfigMap): Promise<V1ConfigMap> {
    return this.call('configMapsWrite', () => this.core.createNamespacedConfigMap({ namespace, body: configMap }));
  }

  deleteConfigMaps(namespace: string, labelSelector: string): Promise<unknown> {
    return this.call('configMapsWrite', () =>
      this.core.deleteCollectionNamespacedConfigMap({ namespace, labelSelector })
    );
  }

  // custom resources the operator owns

  listKnativeServices(labelSelector: string, namespace?: string): Promise<ObjectList<KubeObject>> {
    return this.listCustom('knativeServicesRead', RESOURCES.knativeService, namespace, labelSelector);
  }

  /** server-side apply (create or update) of a whole object this operator owns */
  apply(id: ApiCallId, resource: CustomResource, obj: KubeObject): Promise<KubeObject> {
    const { namespace = '', name = '' } = obj.metadata ?? {};
    return this.call(id, () =>
      this.custom.patchNamespacedCustomObject(
        {
          group: resource.group,
          version: resource.version,
          plural: resource.plural,
          namespace,
          name,
          body: obj,
          fieldManager: this.fieldManager,
          force: true,
          fieldValidation: STRICT,
        },
        APPLY_PATCH
      )
    );
  }

  /** deletes; with `uid`, only that very object (the API server answers 409 if the name now holds another) */
  deleteCustom(
    id: ApiCallId,
    resource: CustomResource,
    namespace: string,
    name: string,
    uid?: string
  ): Promise<unknown> {
    return this.call(id, () =>
      this.custom.deleteNamespacedCustomObject({
        group: resource.group,
        version: resource.version,
        plural: resource.plural,
        namespace,
        name,
        body: uid ? { preconditions: { uid } } : undefined,
      })
    );
  }

  /** one object by name; undefined when there is none */
  async getCustom(
    id: ApiCallId,
    resource: CustomResource,
    namespace: string,
    name: string
  ): Promise<KubeObject | undefined> {
    const { group, version, plural } = resource;
    try {
      return (await this.call(id, () =>
        this.custom.getNamespacedCustomObject({ group, version, plural, namespace, name })
      )) as KubeObject;
    } catch (err) {
      if (isNotFound(err)) {
        return undefined;
      }
      throw err;
    }
  }

  private listCustom<T>(
    id: ApiCallId,
    r: CustomResource,
    namespace?: string,
    labelSelector?: string
  ): Promise<ObjectList<T>> {
    const base = { group: r.group, version: r.version, plural: r.plural, labelSelector };
    return this.call(id, () =>
      namespace
        ? this.custom.listNamespacedCustomObject({ ...base, namespace })
        : this.custom.listCustomObjectForAllNamespaces(base)
    );
  }

  /** a Secret's decoded data; undefined when it does not exist */
  async readSecret(namespace: string, name: string): Promise<Record<string, string> | undefined> {
    try {
      const secret = await this.call('gitSecretsRead', () => this.core.readNamespacedSecret({ namespace, name }));
      return Object.fromEntries(
        Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])
      );
    } catch (err) {
      if (isNotFound(err)) {
        return undefined;
      }
      throw err;
    }
  }

  // leader election: through the generic client, because client-node's typed Lease model serializes
  // MicroTime with millisecond precision, which kube-apiserver refuses (it wants RFC 3339 with microseconds)

  getLease(namespace: string, name: string, deadlineMs?: number): Promise<Lease> {
    return this.call('leases', () => this.custom.getNamespacedCustomObject({ ...LEASES, namespace, name }), deadlineMs);
  }

  createLease(namespace: string, lease: Lease, deadlineMs?: number): Promise<Lease> {
    return this.call(
      'leases',
      () => this.custom.createNamespacedCustomObject({ ...LEASES, namespace, body: lease }),
      deadlineMs
    );
  }

  updateLease(namespace: string, lease: Lease, deadlineMs?: number): Promise<Lease> {
    const name = lease.metadata?.name ?? '';
    return this.call(
      'leases',
      () => this.custom.replaceNamespacedCustomObject({ ...LEASES, namespace, name, body: lease }),
      deadlineMs
    );
  }

  // Events about functions (events.k8s.io/v1, through the generic client: MicroTime as the API wants it)

  createEvent(namespace: string, event: KubeEvent): Promise<unknown> {
    return this.call(
      'eventsWrite',
      () => this.custom.createNamespacedCustomObject({ ...EVENTS, namespace, body: event }),
      EVENT_DEADLINE_MS
    );
  }

  patchEventSeries(namespace: string, name: string, series: EventSeries): Promise<unknown> {
    return this.call(
      'eventsWrite',
      () => this.custom.patchNamespacedCustomObject({ ...EVENTS, namespace, name, body: { series } }, MERGE_PATCH),
      EVENT_DEADLINE_MS
    );
  }
}
