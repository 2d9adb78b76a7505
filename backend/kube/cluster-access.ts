// Everything one org's settings give access to: the client configuration, the API clients and the
// LambdaFunction watch cache (created and started on first use: a health check never creates one).
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
import { kubeConfigFor } from './kubeconfig';
import { LambdaFunctionStore } from './lambda-functions';

export class ClusterAccess {
  readonly kc: KubeConfig;
  readonly server: string;
  readonly namespaces: string[] | null;
  private store?: LambdaFunctionStore;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly coordination: CoordinationV1Api;
  readonly custom: CustomObjectsApi;
  readonly apiextensions: ApiextensionsV1Api;
  readonly objects: KubernetesObjectApi;

  constructor(
    private readonly settings: KubeAccessSettings,
    private readonly onWatchEvent: () => void
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

  get functions(): LambdaFunctionStore {
    this.store ??= new LambdaFunctionStore(this.kc, this.settings.namespaces, this.onWatchEvent);
    return this.store;
  }

  /** the watch cache, if something has started it */
  get startedFunctions(): LambdaFunctionStore | undefined {
    return this.store?.isStarted ? this.store : undefined;
  }

  /** Whether the settings allow reading this namespace. */
  allowsNamespace(namespace: string): boolean {
    return this.namespaces === null || this.namespaces.includes(namespace);
  }

  stop(): void {
    this.store?.stop();
  }
}
