// Every Kubernetes API call the operator makes. Code reaches the API only through KubeGateway (and the
// informers, which use the list/watch entries), keyed by this table; the manifest test checks that the
// RBAC in k8s/base grants exactly these and nothing more.
import { LAMBDA_GROUP } from '../api';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ApiCall {
  group: string;
  /** plural, with `/subresource` when it is one */
  resource: string;
  verbs: readonly Verb[];
  /**
   * where the call goes: any function namespace; only the operator's own namespace; or only namespaces whose
   * admins opted in by binding the opt-in ClusterRole there (not bound by the base manifests)
   */
  scope: 'function-namespaces' | 'operator-namespace' | 'opt-in-namespaces';
  why: string;
}

const inFunctionNamespaces = (group: string, resource: string, verbs: Verb[], why: string): ApiCall => ({
  group,
  resource,
  verbs,
  scope: 'function-namespaces',
  why,
});

/** server-side apply creates the object when it is missing, so it needs both verbs */
const APPLY: Verb[] = ['create', 'patch'];

export const API_CALLS = {
  lambdaFunctionsRead: inFunctionNamespaces(
    LAMBDA_GROUP,
    'lambdafunctions',
    ['get', 'list', 'watch'],
    'informer; fresh read after a 409'
  ),
  lambdaFunctionsFinalizer: inFunctionNamespaces(
    LAMBDA_GROUP,
    'lambdafunctions',
    ['patch'],
    'add/remove the finalizer'
  ),
  lambdaFunctionsStatus: inFunctionNamespaces(LAMBDA_GROUP, 'lambdafunctions/status', ['update'], 'status subresource'),
  jobsRead: inFunctionNamespaces('batch', 'jobs', ['list', 'watch'], 'informer on build Jobs'),
  jobsWrite: inFunctionNamespaces('batch', 'jobs', ['create', 'delete'], 'one Kaniko Job per content hash'),
  configMapsWrite: inFunctionNamespaces('', 'configmaps', ['create', 'deletecollection'], 'build context parts'),
  knativeServicesRead: inFunctionNamespaces(
    'serving.knative.dev',
    'services',
    ['list', 'watch'],
    'informer on owned Knative Services'
  ),
  knativeServicesWrite: inFunctionNamespaces('serving.knative.dev', 'services', [...APPLY, 'delete'], 'deploy'),
  brokersWrite: inFunctionNamespaces('eventing.knative.dev', 'brokers', APPLY, 'one broker per namespace'),
  triggersWrite: inFunctionNamespaces(
    'eventing.knative.dev',
    'triggers',
    [...APPLY, 'delete'],
    'one Trigger per function'
  ),
  rabbitQueuesWrite: inFunctionNamespaces(
    'rabbitmq.com',
    'queues',
    [...APPLY, 'delete'],
    'dead-letter queue per function'
  ),
  rabbitExchangesWrite: inFunctionNamespaces('rabbitmq.com', 'exchanges', APPLY, 'dead-letter exchange per namespace'),
  rabbitBindingsWrite: inFunctionNamespaces('rabbitmq.com', 'bindings', [...APPLY, 'delete'], 'exchange → queue'),
  gitSecretsRead: {
    group: '',
    resource: 'secrets',
    verbs: ['get'],
    scope: 'opt-in-namespaces',
    why: 'git.secretRef credentials, readable only where a namespace binds knative-lambda-operator-git-credentials',
  },
  leases: {
    group: 'coordination.k8s.io',
    resource: 'leases',
    verbs: ['get', 'create', 'update'],
    scope: 'operator-namespace',
    why: 'leader election',
  },
} as const satisfies Record<string, ApiCall>;

export type ApiCallId = keyof typeof API_CALLS;
