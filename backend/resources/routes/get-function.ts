// GET functions/{namespace}/{name} — the whole LambdaFunction (the watch cache keeps only summaries), its build
// Jobs, recent Events and Knative Service status, all read on demand with the org's own credentials.
import type { CoreV1Event, V1Job } from '@kubernetes/client-node';

import { K8S_LABELS } from '../../../contract/labels';
import { customObjectsPathOf, RESOURCES } from '../../../pkg-operator/src/kube/resources';
import type { BuildJob, FunctionDetailResponse, FunctionEvent, KnativeServiceStatus } from '../../api/types';
import { API_VERSION } from '../../api/types';
import type { ClusterAccess } from '../../kube/cluster-access';
import { classifyKubeError } from '../../kube/errors';
import type { LambdaFunctionObject } from '../../kube/lambda-functions';
import type { OrgClusters } from '../../kube/org-clusters';
import { withTimeout } from '../../kube/with-timeout';
import { isAdmin } from '../authz';
import { syncedCluster, unavailable } from '../cluster-guard';
import { conditionsOf, functionSummary, specForRole } from '../function-view';
import type { ResourceRequest, ResourceResponse } from '../http';
import { badRequest, notFound, ok } from '../http';
import { isDnsLabel, isFunctionName, MAX_FUNCTION_NAME_LENGTH } from '../names';

const MAX_EVENTS = 50;
const KSVC = RESOURCES.knativeService;

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : undefined);

function buildJob(job: V1Job): BuildJob {
  const conditions = job.status?.conditions ?? [];
  const done = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  return {
    name: job.metadata?.name ?? '',
    createdAt: iso(job.metadata?.creationTimestamp),
    startedAt: iso(job.status?.startTime),
    completedAt: iso(job.status?.completionTime),
    active: job.status?.active ?? 0,
    succeeded: job.status?.succeeded ?? 0,
    failed: job.status?.failed ?? 0,
    state: done('Complete') ? 'Complete' : done('Failed') ? 'Failed' : 'Running',
  };
}

/** core/v1 view of an Event: the operator writes events.k8s.io/v1 (note → message, a repeat → series) */
function functionEvent(e: CoreV1Event): FunctionEvent {
  return {
    type: e.type ?? 'Normal',
    reason: e.reason,
    message: e.message,
    count: e.series?.count ?? e.count ?? 1,
    lastSeen: iso(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp),
    source: e.reportingComponent || e.source?.component || undefined,
  };
}

/** One namespaced custom object, or undefined when it does not exist; other failures are thrown as they came. */
async function customObjectIfExists<T>(
  access: ClusterAccess,
  resource: (typeof RESOURCES)[keyof typeof RESOURCES],
  namespace: string,
  name: string,
  what: string
): Promise<T | undefined> {
  try {
    return (await withTimeout(
      access.custom.getNamespacedCustomObject({ ...customObjectsPathOf(resource), namespace, name }),
      what
    )) as T;
  } catch (err) {
    if (classifyKubeError(err).kind === 'not_found') {
      return undefined;
    }
    throw err;
  }
}

async function knativeService(
  access: ClusterAccess,
  namespace: string,
  name: string
): Promise<KnativeServiceStatus | null> {
  const ksvc = await customObjectIfExists<{ status?: Record<string, unknown> }>(
    access,
    KSVC,
    namespace,
    name,
    'GET Knative Service'
  );
  if (!ksvc) {
    return null;
  }
  const status = ksvc.status ?? {};
  const conditions = conditionsOf(status.conditions);
  return {
    name,
    url: typeof status.url === 'string' ? status.url : undefined,
    ready: conditions.find((c) => c.type === 'Ready')?.status ?? 'Unknown',
    latestReadyRevision:
      typeof status.latestReadyRevisionName === 'string' ? status.latestReadyRevisionName : undefined,
    latestCreatedRevision:
      typeof status.latestCreatedRevisionName === 'string' ? status.latestCreatedRevisionName : undefined,
    conditions,
  };
}

/** undefined when it does not exist (the CRD does: the synced watch cache proved it) */
function lambdaFunction(
  access: ClusterAccess,
  namespace: string,
  name: string
): Promise<LambdaFunctionObject | undefined> {
  return customObjectIfExists<LambdaFunctionObject>(
    access,
    RESOURCES.lambdaFunction,
    namespace,
    name,
    'GET LambdaFunction'
  ).catch((err: unknown) => {
    throw unavailable(access, classifyKubeError(err));
  });
}

/** The operator records the Service it created in status.service.name; it is named after the function. */
function knativeServiceName(fn: LambdaFunctionObject): string {
  const recorded = (fn.status?.service as { name?: unknown } | undefined)?.name;
  return typeof recorded === 'string' && recorded !== '' ? recorded : fn.metadata!.name!;
}

export async function getFunction(req: ResourceRequest, clusters: OrgClusters): Promise<ResourceResponse> {
  const [, namespace, name] = req.segments;
  if (!isDnsLabel(namespace)) {
    throw badRequest('namespace must be a Kubernetes namespace name (DNS-1123 label)');
  }
  if (!isFunctionName(name)) {
    throw badRequest(
      `name must be a LambdaFunction name: a lowercase letter first, then lowercase letters, digits or '-', at most ${MAX_FUNCTION_NAME_LENGTH} characters`
    );
  }
  if (req.query.size > 0) {
    throw badRequest('this route takes no query parameters');
  }
  const access = await syncedCluster(clusters, req.context);
  const fn = access.allowsNamespace(namespace) ? await lambdaFunction(access, namespace, name) : undefined;
  if (!fn) {
    throw notFound(`LambdaFunction ${namespace}/${name} not found`);
  }
  try {
    const [jobs, events, ksvc] = await Promise.all([
      withTimeout(
        access.batch.listNamespacedJob({ namespace, labelSelector: `${K8S_LABELS.function}=${name}` }),
        'LIST build Jobs'
      ),
      withTimeout(
        access.core.listNamespacedEvent({
          namespace,
          fieldSelector: `involvedObject.kind=LambdaFunction,involvedObject.name=${name}`,
        }),
        'LIST Events'
      ),
      knativeService(access, namespace, knativeServiceName(fn)),
    ]);
    const body: FunctionDetailResponse = {
      apiVersion: API_VERSION,
      function: functionSummary(fn),
      spec: specForRole(fn.spec, isAdmin(req.context)),
      buildJobs: jobs.items.map(buildJob).sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')),
      events: events.items
        .map(functionEvent)
        .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
        .slice(0, MAX_EVENTS),
      knativeService: ksvc,
    };
    return ok(body);
  } catch (err) {
    throw unavailable(access, classifyKubeError(err));
  }
}
