// POST operator/deploy {"dryRun": bool} — Admin only: server-side apply of the bundled operator manifests,
// one result per object. Nothing is applied when the body is invalid.
import { isDeepStrictEqual } from 'node:util';

import type { KubernetesObject } from '@kubernetes/client-node';

import type { ApplyResult, DeployRequest, DeployResponse } from '../../api/types';
import { API_VERSION } from '../../api/types';
import { embeddedAssets } from '../../assets/embedded';
import type { ManifestObject } from '../../assets/manifest-bundle';
import { k8s } from '../../kube/client-module';
import type { ClusterAccess } from '../../kube/cluster-access';
import { classifyKubeError } from '../../kube/errors';
import type { OrgClusters } from '../../kube/org-clusters';
import { withTimeout } from '../../kube/with-timeout';
import { logger } from '../../log/hclog';
import { requireRole } from '../authz';
import { clusterFor, unavailable } from '../cluster-guard';
import type { ResourceRequest, ResourceResponse } from '../http';
import { badRequest, ok } from '../http';
import { usableBundle } from '../operator-manifest';

const FIELD_MANAGER = 'knative-lambda-app';

function parseDeployRequest(req: ResourceRequest): Required<DeployRequest> {
  if (req.query.size > 0) {
    throw badRequest('operator/deploy takes its parameters in the JSON body, e.g. {"dryRun": true}');
  }
  const text = req.body.toString('utf8').trim();
  if (text === '') {
    return { dryRun: false };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('the body must be JSON, e.g. {"dryRun": true}');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('the body must be a JSON object');
  }
  const unknown = Object.keys(body).filter((k) => k !== 'dryRun');
  if (unknown.length > 0) {
    throw badRequest(`unknown field(s) ${unknown.join(', ')}; allowed: dryRun`);
  }
  const dryRun = (body as DeployRequest).dryRun ?? false;
  if (typeof dryRun !== 'boolean') {
    throw badRequest('dryRun must be true or false');
  }
  return { dryRun };
}

function resultBase(obj: ManifestObject): Omit<ApplyResult, 'action'> {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace };
}

async function currentObject(access: ClusterAccess, obj: ManifestObject): Promise<KubernetesObject | null> {
  try {
    return await withTimeout(access.objects.read(obj), `GET ${obj.kind}`);
  } catch (err) {
    if (classifyKubeError(err).kind === 'not_found') {
      return null;
    }
    throw err;
  }
}

/** The object without what every write (or dry run) changes by itself. */
function comparable(obj: KubernetesObject): unknown {
  const metadata = { ...(obj.metadata ?? {}) };
  delete metadata.managedFields;
  delete metadata.resourceVersion;
  delete metadata.generation;
  return { ...obj, metadata };
}

async function applyOne(
  access: ClusterAccess,
  obj: ManifestObject,
  dryRun: boolean,
  newNamespaces: Set<string>
): Promise<ApplyResult> {
  const base = resultBase(obj);
  if (dryRun && obj.metadata.namespace && newNamespaces.has(obj.metadata.namespace)) {
    return { ...base, action: 'created', message: `namespace ${obj.metadata.namespace} is created by this apply` };
  }
  try {
    const before = await currentObject(access, obj);
    const applied = await withTimeout(
      access.objects.patch(
        obj,
        undefined,
        dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        true,
        k8s().PatchStrategy.ServerSideApply
      ),
      `APPLY ${obj.kind}`
    );
    if (obj.kind === 'Namespace' && before === null) {
      newNamespaces.add(obj.metadata.name);
    }
    if (before === null) {
      return { ...base, action: 'created' };
    }
    return { ...base, action: isDeepStrictEqual(comparable(before), comparable(applied)) ? 'unchanged' : 'configured' };
  } catch (err) {
    const failure = classifyKubeError(err);
    if (failure.kind === 'unreachable') {
      throw unavailable(access, failure);
    }
    const unknownKind = failure.status === undefined && /Unrecognized API version and kind/.test(failure.message);
    const message = unknownKind
      ? `${obj.apiVersion} ${obj.kind} is not served by this cluster: install its CRD (e.g. the Prometheus operator's) and deploy again`
      : failure.message;
    return { ...base, action: 'failed', message };
  }
}

export async function deployOperator(req: ResourceRequest, clusters: OrgClusters): Promise<ResourceResponse> {
  requireRole(req.context, 'Admin');
  const { dryRun } = parseDeployRequest(req);
  const bundle = usableBundle(embeddedAssets().operatorManifests);
  const access = clusterFor(clusters, req.context);
  const results: ApplyResult[] = [];
  const newNamespaces = new Set<string>();
  for (const obj of bundle.objects) {
    results.push(await applyOne(access, structuredClone(obj), dryRun, newNamespaces));
  }
  const succeeded = results.every((r) => r.action !== 'failed');
  logger.info('operator manifests applied', {
    dryRun,
    succeeded,
    user: req.context?.user?.login ?? '',
    objects: results.length,
  });
  const body: DeployResponse = { apiVersion: API_VERSION, dryRun, succeeded, results };
  return ok(body, succeeded ? 200 : 207);
}
