// The Knative Service named after a function must be the function's own: one without our controller
// ownerReference (someone else's, or a leftover of a deleted function of the same name) is never applied
// over (server-side apply with force would take its fields) and never deleted. The cache only holds Services
// carrying our managed-by label, so a miss is confirmed by reading the name.
import type { LambdaFunction } from '../api';
import type { KubeObject } from '../kube/gateway';
import { RESOURCES } from '../kube/resources';
import { isControlledBy } from '../naming/names';

import type { ReconcileDeps } from './context';

export type ServiceLookup =
  { state: 'absent' } | { state: 'owned'; service: KubeObject } | { state: 'foreign'; service: KubeObject };

export async function lookUpService(deps: ReconcileDeps, fn: LambdaFunction): Promise<ServiceLookup> {
  const name = fn.metadata.name ?? '';
  const namespace = fn.metadata.namespace ?? '';
  const service =
    deps.services.get(name, namespace) ??
    (await deps.kube.getCustom('knativeServicesGet', RESOURCES.knativeService, namespace, name));
  if (!service) {
    return { state: 'absent' };
  }
  return isControlledBy(service, fn) ? { state: 'owned', service } : { state: 'foreign', service };
}

export function foreignServiceMessage(fn: LambdaFunction): string {
  const { name, namespace } = fn.metadata;
  return `a Knative Service ${namespace}/${name} exists that this function does not own (no controller ownerReference to it); the operator will not take it over or delete it: delete or rename that Service, or rename the function`;
}
