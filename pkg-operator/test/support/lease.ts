// Who holds the operator's leader-election Lease, read as the cluster admin.
import type { CustomObjectsApi } from '@kubernetes/client-node';

import { OPERATOR_NAMESPACE } from './operator-env';

export async function leaseHolder(custom: CustomObjectsApi): Promise<string> {
  const lease = (await custom.getNamespacedCustomObject({
    group: 'coordination.k8s.io',
    version: 'v1',
    plural: 'leases',
    namespace: OPERATOR_NAMESPACE,
    name: 'knative-lambda-operator',
  })) as { spec: { holderIdentity?: string } };
  return lease.spec.holderIdentity ?? '';
}
