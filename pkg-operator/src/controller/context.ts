// What every reconcile step can use: the API, the caches, the sources module and the operator settings.
import type { V1Job, V1Namespace } from '@kubernetes/client-node';

import type { Runtime } from '../../../contract';
import type { LambdaFunction } from '../api';
import type { BuildSettings } from '../build/kaniko-job';
import type { RuntimeKit } from '../build/runtime-wrappers';
import type { RabbitCluster } from '../eventing/resources';
import type { FunctionEvent } from '../events/event-recorder';
import type { ObjectStore } from '../informers/resilient-informer';
import type { KubeGateway, KubeObject } from '../kube/gateway';
import type { OperatorMetrics } from '../metrics/operator-metrics';
import type { SourceModule } from '../sources/types';

import type { FetchRetries } from './fetch-retry';
import type { StatusDraft } from './status-draft';

export interface OperatorSettings {
  /** registry (host[/path]) the built images are pushed to */
  registry: string;
  build: BuildSettings;
  baseImages: Record<Runtime, string>;
  /** bytes of build context per ConfigMap */
  contextPartBytes: number;
  /** compressed build contexts above this are refused with a clear condition */
  maxContextBytes: number;
  rabbitCluster: RabbitCluster;
  /** base URL of the dead-letter forwarder Service; Triggers dead-letter to `<url>/<namespace>` */
  dlqForwarderUrl: string;
  /** the operator's own ServiceAccount: what a namespace's opt-in RoleBinding names */
  operatorAccount: { namespace: string; serviceAccount: string };
}

export interface ReconcileDeps {
  kube: KubeGateway;
  sources: SourceModule;
  jobs: ObjectStore<V1Job>;
  services: ObjectStore<KubeObject>;
  namespaces: ObjectStore<V1Namespace>;
  metrics: OperatorMetrics;
  /** Kubernetes Events about functions (deduplicated and rate-limited; never throws) */
  events: { record(fn: LambdaFunction, event: FunctionEvent): void };
  /** when each function's next attempt after a transient fetch failure is due */
  fetchRetries: FetchRetries;
  runtimes: Record<Runtime, RuntimeKit>;
  settings: OperatorSettings;
  log: (msg: string) => void;
}

/** one reconcile of one function */
export interface Pass {
  fn: LambdaFunction;
  draft: StatusDraft;
  /** metric updates that apply only once the status recording them has been written */
  effects: Array<() => void>;
  signal?: AbortSignal;
  /** reconcile again after this long even if nothing changes (a transient failure's retry) */
  requeueAfterMs?: number;
}
