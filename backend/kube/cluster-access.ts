// Everything one org's settings give access to: the client configuration, the API clients and its hold on
// the LambdaFunction watch cache (taken and started on first use: a health check never takes one; shared with
// orgs of identical access: function-stores.ts).
import type {
  ApiextensionsV1Api,
  AppsV1Api,
  BatchV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
} from '@kubernetes/client-node';

import type { KubeAccessSettings } from '../settings/app-settings';

import { k8s } from './client-module';
import type { FunctionStore, FunctionStoreLease, FunctionStores } from './function-stores';
import { kubeConfigFor } from './kubeconfig';

export class ClusterAccess {
  readonly kc: KubeConfig;
  readonly server: string;
  readonly namespaces: string[] | null;
  private lease?: FunctionStoreLease;
  private stopped = false;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly coordination: CoordinationV1Api;
  readonly custom: CustomObjectsApi;
  readonly apiextensions: ApiextensionsV1Api;
  readonly objects: KubernetesObjectApi;

  constructor(
    settings: KubeAccessSettings,
    private readonly stores: FunctionStores
  ) {
    const api = k8s();
    this.kc = kubeConfigFor(settings);
    this.server = this.kc.getCurrentCluster()?.server ?? '(unknown)';
    this.namespaces = settings.namespaces;
    this.core = this.kc.makeApiClient(api.CoreV1Api);
    this.apps = this.kc.makeApiClient(api.AppsV1Api);
    this.batch = this.kc.makeApiClient(api.BatchV1Api);
    this.coordination = this.kc.makeApiClient(api.CoordinationV1Api);
    this.custom = this.kc.makeApiClient(api.CustomObjectsApi);
    this.apiextensions = this.kc.makeApiClient(api.ApiextensionsV1Api);
    this.objects = api.KubernetesObjectApi.makeApiClient(this.kc);
  }

  get functions(): FunctionStore {
    if (!this.lease) {
      this.lease = this.stores.acquire(this.kc, this.namespaces);
      if (this.stopped) {
        this.lease.release(); // a request that outlived its settings holds nothing
      }
    }
    return this.lease.store;
  }

  /** Whether the settings allow reading this namespace. */
  allowsNamespace(namespace: string): boolean {
    return this.namespaces === null || this.namespaces.includes(namespace);
  }

  stop(): void {
    this.stopped = true;
    this.lease?.release();
  }
}
