// GET functions?namespace=&runtime=&phase= — served from the watch cache's summaries.
import { PHASES, RUNTIMES } from '../../../contract/labels';
import type { FunctionsResponse } from '../../api/types';
import { API_VERSION } from '../../api/types';
import type { OrgClusters } from '../../kube/org-clusters';
import { syncedCluster } from '../cluster-guard';
import type { ResourceRequest, ResourceResponse } from '../http';
import { badRequest, ok } from '../http';
import { isDnsLabel } from '../names';

const FILTERS = ['namespace', 'runtime', 'phase'];

function singleParam(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) {
    throw badRequest(`query parameter ${name} given more than once`);
  }
  return values[0] === '' ? undefined : values[0];
}

function oneOf(name: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value)) {
    throw badRequest(`${name} must be one of ${allowed.join(', ')}`);
  }
  return value;
}

export async function listFunctions(req: ResourceRequest, clusters: OrgClusters): Promise<ResourceResponse> {
  for (const key of req.query.keys()) {
    if (!FILTERS.includes(key)) {
      throw badRequest(`unknown query parameter ${key}; allowed: ${FILTERS.join(', ')}`);
    }
  }
  const namespace = singleParam(req.query, 'namespace');
  if (namespace !== undefined && !isDnsLabel(namespace)) {
    throw badRequest('namespace must be a Kubernetes namespace name (DNS-1123 label)');
  }
  const runtime = oneOf('runtime', singleParam(req.query, 'runtime'), RUNTIMES);
  const phase = oneOf('phase', singleParam(req.query, 'phase'), [...PHASES, 'Unknown']);
  const access = await syncedCluster(clusters, req.context);
  const items = access.functions
    .list()
    .filter(
      (fn) =>
        (namespace === undefined || fn.namespace === namespace) &&
        (runtime === undefined || fn.runtime.language === runtime) &&
        (phase === undefined || fn.phase === phase)
    )
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const body: FunctionsResponse = { apiVersion: API_VERSION, items, namespaces: access.namespaces };
  return ok(body);
}
