// GET operator — CRD installed, operator Deployment state, version, leader Lease, scratch volume, metrics.
import type { V1Deployment, V1Lease } from '@kubernetes/client-node';

import type { OperatorStatusResponse } from '../../api/types';
import { API_VERSION } from '../../api/types';
import { embeddedAssets } from '../../assets/embedded';
import type { ClusterAccess } from '../../kube/cluster-access';
import { classifyKubeError } from '../../kube/errors';
import { LAMBDA_CRD_NAME } from '../../kube/lambda-functions';
import type { OrgClusters } from '../../kube/org-clusters';
import { withTimeout } from '../../kube/with-timeout';
import { clusterFor, unavailable } from '../cluster-guard';
import type { ResourceRequest, ResourceResponse } from '../http';
import { badRequest, ok } from '../http';
import { metricsEndpoint, operatorLocation } from '../operator-manifest';

async function orNull<T>(call: Promise<T>, what: string): Promise<T | null> {
  try {
    return await withTimeout(call, what);
  } catch (err) {
    if (classifyKubeError(err).kind === 'not_found') {
      return null;
    }
    throw err;
  }
}

function imageTag(image: string | undefined): string | undefined {
  const match = image?.match(/:([^/:@]+)(@.*)?$/);
  return match?.[1];
}

function newestLease(leases: V1Lease[]): V1Lease | undefined {
  const renewed = (l: V1Lease) => new Date(l.spec?.renewTime ?? l.spec?.acquireTime ?? 0).getTime();
  return leases.filter((l) => l.spec?.holderIdentity).sort((a, b) => renewed(b) - renewed(a))[0];
}

function scratchVolume(deployment: V1Deployment | null): OperatorStatusResponse['scratchVolume'] {
  const pod = deployment?.spec?.template?.spec;
  const mount = pod?.containers?.[0]?.volumeMounts?.find((m) => m.mountPath === '/tmp');
  const volume = mount ? pod?.volumes?.find((v) => v.name === mount.name) : undefined;
  if (!mount || !volume) {
    return undefined;
  }
  return {
    mountPath: mount.mountPath,
    sizeLimit: volume.emptyDir?.sizeLimit,
    medium: volume.emptyDir?.medium || undefined,
  };
}

async function readState(access: ClusterAccess, namespace: string, name: string) {
  return Promise.all([
    orNull(access.apiextensions.readCustomResourceDefinition({ name: LAMBDA_CRD_NAME }), 'GET CRD'),
    orNull(access.apps.readNamespacedDeployment({ namespace, name }), 'GET operator Deployment'),
    orNull(access.coordination.listNamespacedLease({ namespace }), 'LIST Leases'),
  ]);
}

export async function operatorStatus(req: ResourceRequest, clusters: OrgClusters): Promise<ResourceResponse> {
  if (req.query.size > 0) {
    throw badRequest('this route takes no query parameters');
  }
  const location = operatorLocation(embeddedAssets().operatorManifests);
  const access = clusterFor(clusters, req.context);
  const name = location.deployment.metadata.name;
  let state: Awaited<ReturnType<typeof readState>>;
  try {
    state = await readState(access, location.namespace, name);
  } catch (err) {
    throw unavailable(access, classifyKubeError(err));
  }
  const [crd, deployment, leases] = state;
  const image = deployment?.spec?.template?.spec?.containers?.[0]?.image;
  const bundledImage = location.deployment.spec?.template?.spec?.containers?.[0]?.image;
  const lease = newestLease(leases?.items ?? []);
  const body: OperatorStatusResponse = {
    apiVersion: API_VERSION,
    crdInstalled: crd !== null,
    crdVersions: crd?.spec.versions.filter((v) => v.served).map((v) => v.name) ?? [],
    deployed: deployment !== null,
    namespace: location.namespace,
    deployment: name,
    version: deployment?.metadata?.labels?.['app.kubernetes.io/version'] ?? imageTag(image),
    image,
    replicas: {
      desired: deployment?.spec?.replicas ?? 0,
      ready: deployment?.status?.readyReplicas ?? 0,
      available: deployment?.status?.availableReplicas ?? 0,
    },
    leader: lease
      ? {
          lease: lease.metadata?.name ?? '',
          holder: lease.spec?.holderIdentity,
          renewedAt: lease.spec?.renewTime ? new Date(lease.spec.renewTime).toISOString() : undefined,
        }
      : undefined,
    scratchVolume: scratchVolume(deployment ?? location.deployment),
    metricsEndpoint: metricsEndpoint(location),
    upgradeAvailable: deployment !== null && image !== bundledImage,
  };
  return ok(body);
}
