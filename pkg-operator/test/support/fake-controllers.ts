// The tests play the Job controller and Knative Serving: they write the status those controllers would.
// A Job is started (startTime, immutable from then on) before it is finished; a successful build first gets
// the Pod the Job controller and kubelet would leave behind, whose kaniko container reports the digest.
import { createHash } from 'node:crypto';

import type { BatchV1Api, CoreV1Api, CustomObjectsApi, V1Job } from '@kubernetes/client-node';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import { JOB_NAME_LABEL, KANIKO_CONTAINER } from '../../src/build/build-digest';
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

/** the digest the fake build of a Job pushed */
export const fakeDigest = (jobName: string) => `sha256:${createHash('sha256').update(jobName).digest('hex')}`;

/** the build Pod of a finished Job, its kaniko container terminated with the digest as termination message */
export async function createBuildPod(
  core: CoreV1Api,
  namespace: string,
  jobName: string,
  message = fakeDigest(jobName)
) {
  const name = `${jobName}-pod`;
  // no controller-manager here creates the namespace's default ServiceAccount, which Pod admission wants
  await core
    .createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'default' } } })
    .catch((err: { code?: number }) => {
      if (err.code !== 409) {
        throw err;
      }
    });
  await core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name, labels: { [JOB_NAME_LABEL]: jobName } },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: KANIKO_CONTAINER, image: 'gcr.io/kaniko-project/executor' }],
      },
    },
  });
  const at = new Date();
  await core.patchNamespacedPodStatus(
    {
      namespace,
      name,
      body: {
        status: {
          phase: 'Succeeded',
          containerStatuses: [
            {
              name: KANIKO_CONTAINER,
              image: 'gcr.io/kaniko-project/executor',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode: 0, reason: 'Completed', message, startedAt: at, finishedAt: at } },
            },
          ],
        },
      },
    },
    MERGE
  );
}

/** the APIs the tests play the controllers through (an OperatorEnv has both) */
export interface ControllerApis {
  batch: BatchV1Api;
  core: CoreV1Api;
}

/** a finished build as the Job controller and kubelet leave it: the Pod (when it succeeded), then the Job status */
export async function finishJob(
  { batch, core }: ControllerApis,
  namespace: string,
  name: string,
  outcome: 'succeed' | 'fail' | 'timeout',
  completionTime: Date
): Promise<V1Job> {
  if (outcome === 'succeed') {
    await createBuildPod(core, namespace, name);
  }
  return completeJob(batch, namespace, name, outcome, completionTime);
}

/** only the Job's status (no Pod): what the operator sees when it reads the Job before its Pod */
export async function completeJob(
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
