// git.secretRef: the operator reads the named Secret only in namespaces whose admins bound the opt-in
// ClusterRole knative-lambda-operator-git-credentials to it; elsewhere the function fails with what to do.
import { statusCode } from '../kube/errors';
import type { KubeGateway } from '../kube/gateway';
import { SourceError } from '../sources/types';

export const GIT_CREDENTIALS_ROLE = 'knative-lambda-operator-git-credentials';

export function secretReader(kube: KubeGateway, operator: { namespace: string; serviceAccount: string }) {
  return async (namespace: string, name: string): Promise<Record<string, string> | undefined> => {
    try {
      return await kube.readSecret(namespace, name);
    } catch (err) {
      if (statusCode(err) !== 403) {
        throw err;
      }
      throw new SourceError(
        'invalid_spec',
        `the operator may not read Secret ${namespace}/${name} (git.secretRef): a namespace admin must bind ClusterRole ${GIT_CREDENTIALS_ROLE} to ServiceAccount ${operator.namespace}/${operator.serviceAccount} with a RoleBinding in ${namespace}, then change the function's spec to retry`
      );
    }
  };
}
