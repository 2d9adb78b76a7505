// The status Knative Serving writes on a Service and its Revisions, as plain objects. Conditions carry
// lastTransitionTime, which moves only when the status of the condition changes.

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastTransitionTime: string;
  severity?: string;
}

export type Verdict = { status: ConditionStatus; reason?: string; message?: string };

/** conditions sorted by type, keeping the previous transition time when the status did not change */
export function conditions(wanted: Record<string, Verdict>, previous: Condition[] = [], now = new Date()): Condition[] {
  return Object.keys(wanted)
    .sort()
    .map((type) => {
      const v = wanted[type];
      const before = previous.find((c) => c.type === type);
      return {
        type,
        status: v.status,
        ...(v.reason ? { reason: v.reason } : {}),
        ...(v.message ? { message: v.message } : {}),
        lastTransitionTime: before && before.status === v.status ? before.lastTransitionTime : now.toISOString(),
      };
    });
}

export type RevisionState =
  | { phase: 'deploying' }
  | { phase: 'ready'; actual: number; desired: number }
  | { phase: 'failed'; reason: string; message: string };

export function revisionStatus(
  state: RevisionState,
  imageDigest: string | undefined,
  containerName: string,
  previous?: Condition[]
) {
  const ready: Verdict =
    state.phase === 'ready'
      ? { status: 'True' }
      : state.phase === 'failed'
        ? { status: 'False', reason: state.reason, message: state.message }
        : { status: 'Unknown', reason: 'Deploying' };
  const active: Verdict =
    state.phase !== 'ready'
      ? { status: 'Unknown', reason: 'Deploying' }
      : state.actual > 0 || state.desired > 0
        ? { status: 'True' }
        : { status: 'False', reason: 'NoTraffic', message: 'The target is not receiving traffic.' };
  return {
    status: {
      observedGeneration: 1,
      actualReplicas: state.phase === 'ready' ? state.actual : 0,
      desiredReplicas: state.phase === 'ready' ? state.desired : state.phase === 'deploying' ? 1 : 0,
      ...(imageDigest ? { containerStatuses: [{ name: containerName, imageDigest }] } : {}),
      conditions: conditions(
        {
          Active: active,
          ContainerHealthy:
            state.phase === 'failed' ? ready : state.phase === 'ready' ? { status: 'True' } : { status: 'Unknown' },
          Ready: ready,
          ResourcesAvailable:
            state.phase === 'failed'
              ? ready
              : state.phase === 'ready'
                ? { status: 'True' }
                : { status: 'Unknown', reason: 'Deploying' },
        },
        previous
      ),
    },
  };
}

export interface ServiceView {
  name: string;
  generation: number;
  url: string;
  latestCreated?: string;
  latestReady?: string;
  /** the latest created revision failed */
  failure?: { reason: string; message: string };
}

export function serviceStatus(view: ServiceView, previous?: Condition[]) {
  const { name, latestCreated, latestReady, failure } = view;
  const configuration: Verdict = failure
    ? {
        status: 'False',
        reason: 'RevisionFailed',
        message: `Revision "${latestCreated}" failed with message: ${failure.message}.`,
      }
    : latestReady && latestReady === latestCreated
      ? { status: 'True' }
      : {
          status: 'Unknown',
          reason: 'RevisionMissing',
          message: `Configuration "${name}" is waiting for a Revision to become ready.`,
        };
  const routes: Verdict = latestReady
    ? { status: 'True' }
    : failure
      ? {
          status: 'False',
          reason: 'RevisionMissing',
          message: `Configuration "${name}" does not have any ready Revision.`,
        }
      : {
          status: 'Unknown',
          reason: 'RevisionMissing',
          message: `Configuration "${name}" is waiting for a Revision to become ready.`,
        };
  const ready = configuration.status !== 'True' ? configuration : routes;
  return {
    status: {
      observedGeneration: view.generation,
      ...(latestCreated ? { latestCreatedRevisionName: latestCreated } : {}),
      ...(latestReady
        ? {
            latestReadyRevisionName: latestReady,
            url: view.url,
            address: { url: view.url },
            traffic: [{ revisionName: latestReady, latestRevision: true, percent: 100 }],
          }
        : {}),
      conditions: conditions({ ConfigurationsReady: configuration, Ready: ready, RoutesReady: routes }, previous),
    },
  };
}
