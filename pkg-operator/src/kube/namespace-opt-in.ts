// A namespace opts in to functions with a label (so the operator acts there) and a RoleBinding to the
// ClusterRole k8s/base ships (so the API server lets it). Without both, the operator writes nothing there.
import type { V1Namespace, V1RoleBinding } from '@kubernetes/client-node';

export const NAMESPACE_ENABLED_LABEL = 'lambda.knative.io/enabled';
/** every write the operator makes for a function (k8s/base/rbac.yaml) */
export const FUNCTIONS_CLUSTER_ROLE = 'knative-lambda-operator-functions';
export const FUNCTIONS_ROLE_BINDING = 'knative-lambda-operator';

export interface OperatorAccount {
  namespace: string;
  serviceAccount: string;
}

export const isNamespaceEnabled = (ns: V1Namespace | undefined): boolean =>
  ns?.metadata?.labels?.[NAMESPACE_ENABLED_LABEL] === 'true';

export function optInRoleBinding(namespace: string, operator: OperatorAccount): V1RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: FUNCTIONS_ROLE_BINDING, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: FUNCTIONS_CLUSTER_ROLE },
    subjects: [{ kind: 'ServiceAccount', name: operator.serviceAccount, namespace: operator.namespace }],
  };
}

/** the commands that opt a namespace in, for condition messages */
export function optInInstructions(namespace: string, operator: OperatorAccount): string {
  return (
    `kubectl label namespace ${namespace} ${NAMESPACE_ENABLED_LABEL}=true && ` +
    `kubectl create rolebinding ${FUNCTIONS_ROLE_BINDING} -n ${namespace} ` +
    `--clusterrole=${FUNCTIONS_CLUSTER_ROLE} --serviceaccount=${operator.namespace}:${operator.serviceAccount}`
  );
}
