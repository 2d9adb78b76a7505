// The operator's watch caches: LambdaFunctions, the build Jobs and Knative Services it owns, and namespaces. Any
// change enqueues the owning function's key, so a Job finishing or a Service turning ready triggers a
// reconcile at once (no polling).
import type { KubeConfig, V1Job, V1Namespace } from '@kubernetes/client-node';

import type { LambdaFunction } from '../api';
import type { KubeGateway, KubeObject } from '../kube/gateway';
import { RESOURCES } from '../kube/resources';
import { buildSelector, managedSelector, ownerKey } from '../naming/names';

import { ResilientInformer } from './resilient-informer';

export interface Caches {
  functions: ResilientInformer<LambdaFunction>;
  jobs: ResilientInformer<V1Job>;
  services: ResilientInformer<KubeObject>;
  /** for the opt-in label: a namespace that opts in (or out) re-queues its functions at once */
  namespaces: ResilientInformer<V1Namespace>;
}

const keyOf = (obj: { metadata?: { namespace?: string; name?: string } }) =>
  `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;

function pathOf(group: string, version: string, plural: string, namespace?: string): string {
  const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  return namespace ? `${base}/namespaces/${namespace}/${plural}` : `${base}/${plural}`;
}

export function createCaches(
  kc: KubeConfig,
  kube: KubeGateway,
  enqueue: (key: string) => void,
  namespace: string | undefined,
  log: (msg: string) => void
): Caches {
  const byOwner = (obj: { metadata?: { namespace?: string; labels?: Record<string, string> } }) => {
    const key = ownerKey(obj);
    if (key) {
      enqueue(key);
    }
  };
  const lf = RESOURCES.lambdaFunction;
  const ksvc = RESOURCES.knativeService;
  const functions = new ResilientInformer<LambdaFunction>(kc, {
    name: 'lambdafunctions',
    path: pathOf(lf.group, lf.version, lf.plural, namespace),
    list: () => kube.listLambdaFunctions(namespace),
    onChange: (obj) => enqueue(keyOf(obj)),
    log,
  });
  return {
    functions,
    namespaces: new ResilientInformer<V1Namespace>(kc, {
      name: 'namespaces',
      path: pathOf('', 'v1', 'namespaces'),
      list: () => kube.listNamespaces(),
      onChange: (ns) => functions.list(ns.metadata?.name).forEach((fn) => enqueue(keyOf(fn))),
      log,
    }),
    jobs: new ResilientInformer<V1Job>(kc, {
      name: 'jobs',
      path: pathOf('batch', 'v1', 'jobs', namespace),
      labelSelector: buildSelector,
      list: () => kube.listJobs(buildSelector, namespace),
      onChange: byOwner,
      log,
    }),
    services: new ResilientInformer<KubeObject>(kc, {
      name: 'knative-services',
      path: pathOf(ksvc.group, ksvc.version, ksvc.plural, namespace),
      labelSelector: managedSelector,
      list: () => kube.listKnativeServices(managedSelector, namespace),
      onChange: byOwner,
      log,
    }),
  };
}
