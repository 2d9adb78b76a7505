// Everything one org's settings give access to: the client configuration, the API clients and the
// LambdaFunction watch cache (started on first use).
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
  readonly functions: LambdaFunctionStore;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly coordination: CoordinationV1Api;
  readonly custom: CustomObjectsApi;
  readonly apiextensions: ApiextensionsV1Api;
  readonly objects: KubernetesObjectApi;

  constructor(settings: KubeAccessSettings, onWatchEvent: () => void) {
    const api = k8s();
    this.kc = kubeConfigFor(settings);
    this.server = this.kc.getCurrentCluster()?.server ?? '(unknown)';
    this.namespaces = settings.namespaces;
    this.functions = new LambdaFunctionStore(this.kc, settings.namespaces, onWatchEvent);
    this.core = this.kc.makeApiClient(api.CoreV1Api);
    this.apps = this.kc.makeApiClient(api.AppsV1Api);
    this.batch = this.kc.makeApiClient(api.BatchV1Api);
    this.coordination = this.kc.makeApiClient(api.CoordinationV1Api);
    this.custom = this.kc.makeApiClient(api.CustomObjectsApi);
    this.apiextensions = this.kc.makeApiClient(api.ApiextensionsV1Api);
    this.objects = api.KubernetesObjectApi.makeApiClient(this.kc);
  }

  /** Whether the settings allow reading this namespace. */
  allowsNamespace(namespace: string): boolean {
    return this.namespaces === null || this.namespaces.includes(namespace);
  }

  stop(): void {
    this.functions.stop();
  }
}
