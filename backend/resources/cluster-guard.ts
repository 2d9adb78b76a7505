// Resolves the org's cluster access and turns every way it can be unusable into an actionable 503.
import { ClusterAccess } from '../kube/cluster-access';
import type { KubeFailure } from '../kube/errors';
import { LAMBDA_CRD_NAME } from '../kube/lambda-functions';
import type { OrgClusters } from '../kube/org-clusters';
import type { PluginContext } from '../protocol/wire-types';

import { HttpError } from './http';

const FIRST_SYNC_WAIT_MS = 5_000;

export function clusterFor(clusters: OrgClusters, context: PluginContext | null | undefined): ClusterAccess {
  const access = clusters.forContext(context);
  if (!(access instanceof ClusterAccess)) {
    throw new HttpError(503, 'not_configured', `Kubernetes access is not configured correctly: ${access.message}`);
  }
  return access;
}

export function unavailable(access: ClusterAccess, failure: KubeFailure | undefined): HttpError {
  const detail = failure?.message ?? 'no answer yet';
  switch (failure?.kind) {
    case 'not_found':
      return new HttpError(
        503,
        'crd_missing',
        `the CustomResourceDefinition ${LAMBDA_CRD_NAME} is not installed in ${access.server}: deploy the operator (Configuration page, or POST operator/deploy)`
      );
    case 'unauthorized':
    case 'forbidden':
      return new HttpError(
        503,
        'kubernetes_unavailable',
        `Kubernetes at ${access.server} refused the backend's credentials (${detail}): grant the RBAC listed in the plugin's backend/README.md`
      );
    default:
      return new HttpError(
        503,
        'kubernetes_unavailable',
        `Kubernetes API ${access.server} is unreachable (${detail}): check the app's Kubernetes settings and network`
      );
  }
}

/** The org's cluster with a synced LambdaFunction cache, or a 503. */
export async function syncedCluster(
  clusters: OrgClusters,
  context: PluginContext | null | undefined
): Promise<ClusterAccess> {
  const access = clusterFor(clusters, context);
  const state = await access.functions.settle(FIRST_SYNC_WAIT_MS);
  if (state !== 'synced') {
    throw unavailable(access, access.functions.failure);
  }
  return access;
}
