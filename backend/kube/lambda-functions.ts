// The LambdaFunction resource and its watch caches: one cluster-wide cache, or one per configured namespace.
// The backend keeps each function's summary only (never its inline code, env or spec: function-stores.ts);
// the detail route reads the whole object on demand.
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';

import { LAMBDA_GROUP, LAMBDA_PLURAL, LAMBDA_VERSION } from '../../pkg-operator/src/api/lambda-function';

import { k8s } from './client-module';
import type { KubeFailure } from './errors';
import { LIST_PAGE_SIZE, listInPages } from './paged-list';
import type { CacheState } from './watch-cache';
import { WatchCache } from './watch-cache';

export { LAMBDA_GROUP, LAMBDA_PLURAL, LAMBDA_VERSION };
export const LAMBDA_CRD_NAME = `${LAMBDA_PLURAL}.${LAMBDA_GROUP}`;

export interface LambdaFunctionObject extends KubernetesObject {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

type List = KubernetesListObject<LambdaFunctionObject>;
type FetchPage = (page: { limit: number; _continue?: string }) => Promise<List>;

/** The caches of one set of settings, holding what `entry` makes of each function. */
export class LambdaFunctionStore<E> {
  private readonly caches: Array<WatchCache<LambdaFunctionObject, E>>;

  constructor(
    kc: KubeConfig,
    namespaces: string[] | null,
    onEvent: () => void,
    entry: (fn: LambdaFunctionObject) => E,
    pageSize = LIST_PAGE_SIZE
  ) {
    const api = kc.makeApiClient(k8s().CustomObjectsApi);
    const base = `/apis/${LAMBDA_GROUP}/${LAMBDA_VERSION}`;
    const common = { group: LAMBDA_GROUP, version: LAMBDA_VERSION, plural: LAMBDA_PLURAL };
    const cache = (path: string, fetchPage: FetchPage) =>
      new WatchCache<LambdaFunctionObject, E>({
        kc,
        resource: LAMBDA_PLURAL,
        path,
        list: (each) => listInPages(fetchPage, each, pageSize),
        entry,
        onEvent,
      });
    this.caches =
      namespaces === null
        ? [cache(`${base}/${LAMBDA_PLURAL}`, (page) => api.listClusterCustomObject({ ...common, ...page }))]
        : namespaces.map((namespace) =>
            cache(`${base}/namespaces/${namespace}/${LAMBDA_PLURAL}`, (page) =>
              api.listNamespacedCustomObject({ ...common, namespace, ...page })
            )
          );
  }

  get state(): CacheState {
    const states = this.caches.map((c) => c.state);
    return states.includes('error') ? 'error' : states.includes('starting') ? 'starting' : 'synced';
  }

  get failure(): KubeFailure | undefined {
    return this.caches.find((c) => c.failure)?.failure;
  }

  async settle(timeoutMs: number): Promise<CacheState> {
    await Promise.all(this.caches.map((c) => c.settle(timeoutMs)));
    return this.state;
  }

  list(): E[] {
    return this.caches.flatMap((c) => c.list());
  }

  get(namespace: string, name: string): E | undefined {
    for (const c of this.caches) {
      const found = c.get(namespace, name);
      if (found) {
        return found;
      }
    }
    return undefined;
  }

  get size(): number {
    return this.caches.reduce((n, c) => n + c.size, 0);
  }

  get isStarted(): boolean {
    return this.caches.some((c) => c.isStarted);
  }

  stop(): void {
    this.caches.forEach((c) => c.stop());
  }
}
