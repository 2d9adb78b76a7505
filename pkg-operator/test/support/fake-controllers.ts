// The tests play the Job controller and Knative Serving: they write the status those controllers would.
// A Job is started (startTime, immutable from then on) before it is finished.
import { BatchV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, V1Job } from '@kubernetes/client-node';
import { RESOURCES } from '../../src/kube/resources';

const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const KSVC = RESOURCES.knativeService;

export async function startJob(
  batch: BatchV1Api,
  namespace: string,
  name: string,
  startTime = new Date()
): Promise<V1Job> {
  return batch.patchNamespacedJobStatus({ namespace, name, body: { status: { startTime, active: 1 } } }, MERGE);
}

export async function finishJob(
  batch: BatchV1Api,
  namespace: string,
  name: string,
  outcome: 'succeed' | 'fail' | 'timeout',
  completionTime: Date
): Promise<V1Job> {
  const at = completionTime.toISOString();
  const cond = (type: string, reason: string) => ({
    type,
    status: 'True',
    reason,
    message: `${type} by test`,
    lastTransitionTime: at,
    lastProbeTime: at,
  });
  const status =
    outcome === 'succeed'
      ? {
          completionTime,
          active: 0,
          succeeded: 1,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
          conditions: [cond('SuccessCriteriaMet', 'CompletionsReached'), cond('Complete', 'CompletionsReached')],
        }
      : {
          active: 0,
          failed: 1,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
          conditions: [
            cond('FailureTarget', outcome === 'timeout' ? 'DeadlineExceeded' : 'BackoffLimitExceeded'),
            cond('Failed', outcome === 'timeout' ? 'DeadlineExceeded' : 'BackoffLimitExceeded'),
          ],
        };
  return batch.patchNamespacedJobStatus({ namespace, name, body: { status } }, MERGE);
}

export async function setServiceStatus(
  custom: CustomObjectsApi,
  namespace: string,
  name: string,
  ready: 'True' | 'False' | 'Unknown',
  reason = ready === 'True' ? 'Ready' : 'RevisionFailed'
): Promise<void> {
  const current = (await custom.getNamespacedCustomObject({
    group: KSVC.group,
    version: KSVC.version,
    plural: KSVC.plural,
    namespace,
    name,
  })) as {
    metadata: { generation: number };
  };
  const generation = current.metadata.generation;
  await custom.patchNamespacedCustomObjectStatus(
    {
      group: KSVC.group,
      version: KSVC.version,
      plural: KSVC.plural,
      namespace,
      name,
      body: {
        status: {
          observedGeneration: generation,
          url: `http://${name}.${namespace}.example.test`,
          latestReadyRevisionName: ready === 'True' ? `${name}-${String(generation).padStart(5, '0')}` : undefined,
          conditions: [
            { type: 'Ready', status: ready, reason, message: ready === 'True' ? '' : `revision ${reason} (test)` },
          ],
        },
      },
    },
    MERGE
  );
}
