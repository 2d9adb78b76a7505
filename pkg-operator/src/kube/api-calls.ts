// Every Kubernetes API call the operator makes. Code reaches the API only through KubeGateway (and the
// informers, which use the list/watch entries), keyed by this table. test/operator-rbac.test.ts records the
// calls the operator really makes (at the fault proxy) and checks them against the RBAC in k8s/base; the
// manifests test checks that every entry here has a caller.
import { LAMBDA_GROUP } from '../api';

import { RESOURCES } from './resources';

const KSVC = RESOURCES.knativeService;

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/**
 * where the call goes, and so which role grants it:
 * - cluster-wide: reads, and the LambdaFunction itself (the user's request) — ClusterRole
 *   knative-lambda-operator, bound cluster-wide;
 * - function-namespaces: every write for a function — ClusterRole knative-lambda-operator-functions, bound
 *   only by a RoleBinding in a namespace that opted in (see namespace-opt-in.ts);
 * - git-credential-namespaces: ClusterRole knative-lambda-operator-git-credentials, bound per namespace by
 *   namespaces whose functions use git.secretRef;
 * - operator-namespace: the operator's own namespace (leader election).
 */
export type Scope = 'cluster-wide' | 'function-namespaces' | 'git-credential-namespaces' | 'operator-namespace';

export interface ApiCall {
  group: string;
  /** plural, with `/subresource` when it is one */
  resource: string;
  verbs: readonly Verb[];
  scope: Scope;
  why: string;
}

const call = (scope: Scope, group: string, resource: string, verbs: Verb[], why: string): ApiCall => ({
  group,
  resource,
  verbs,
  scope,
  why,
});
const clusterWide = (group: string, resource: string, verbs: Verb[], why: string) =>
  call('cluster-wide', group, resource, verbs, why);
const inFunctionNamespaces = (group: string, resource: string, verbs: Verb[], why: string) =>
  call('function-namespaces', group, resource, verbs, why);

/** server-side apply creates the object when it is missing, so it needs both verbs */
const APPLY: Verb[] = ['create', 'patch'];

export const API_CALLS = {
  lambdaFunctionsRead: clusterWide(
    LAMBDA_GROUP,
    'lambdafunctions',
    ['get', 'list', 'watch'],
    'informer; fresh read after a 409'
  ),
  lambdaFunctionsFinalizer: clusterWide(LAMBDA_GROUP, 'lambdafunctions', ['patch'], 'add/remove the finalizer'),
  lambdaFunctionsStatus: clusterWide(LAMBDA_GROUP, 'lambdafunctions/status', ['update'], 'status subresource'),
  namespacesRead: clusterWide('', 'namespaces', ['list', 'watch'], 'informer: which namespaces opted in (label)'),
  jobsRead: clusterWide('batch', 'jobs', ['list', 'watch'], 'informer on build Jobs'),
  knativeServicesRead: clusterWide(KSVC.group, KSVC.plural, ['list', 'watch'], 'informer on Knative Services'),
  jobsWrite: inFunctionNamespaces('batch', 'jobs', ['create', 'delete'], 'one Kaniko Job per content hash'),
  buildPodsRead: inFunctionNamespaces('', 'pods', ['list'], 'the image digest in the build Pod`s termination message'),
  configMapsWrite: inFunctionNamespaces('', 'configmaps', ['create', 'deletecollection'], 'build context parts'),
  knativeServicesGet: inFunctionNamespaces(
    KSVC.group,
    KSVC.plural,
    ['get'],
    'is the Service of that name ours? read on a cache miss, before any apply or delete'
  ),
  knativeServicesWrite: inFunctionNamespaces(KSVC.group, KSVC.plural, [...APPLY, 'delete'], 'deploy'),
  brokersWrite: inFunctionNamespaces('eventing.knative.dev', 'brokers', APPLY, 'one broker per namespace'),
  triggersWrite: inFunctionNamespaces('eventing.knative.dev', 'triggers', [...APPLY, 'delete'], 'one per function'),
  rabbitQueuesWrite: inFunctionNamespaces('rabbitmq.com', 'queues', [...APPLY, 'delete'], 'dead-letter queue'),
  rabbitExchangesWrite: inFunctionNamespaces('rabbitmq.com', 'exchanges', APPLY, 'dead-letter exchange'),
  rabbitBindingsWrite: inFunctionNamespaces('rabbitmq.com', 'bindings', [...APPLY, 'delete'], 'exchange → queue'),
  eventsWrite: inFunctionNamespaces('events.k8s.io', 'events', ['create', 'patch'], 'Events about functions (series)'),
  gitSecretsRead: call(
    'git-credential-namespaces',
    '',
    'secrets',
    ['get'],
    'git.secretRef credentials, readable only where a namespace binds knative-lambda-operator-git-credentials'
  ),
  leases: call('operator-namespace', 'coordination.k8s.io', 'leases', ['get', 'create', 'update'], 'leader election'),
} as const satisfies Record<string, ApiCall>;

export type ApiCallId = keyof typeof API_CALLS;
