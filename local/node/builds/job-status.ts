// The status the Job controller (Kubernetes v1.36) and the kubelet write for a one-pod build Job, as plain
// objects for merge patches. The API server checks the transitions: a Job gets `Complete` only after
// `SuccessCriteriaMet` and `Failed` only after `FailureTarget`, `completionTime` only when it succeeded.

const MAX_MESSAGE = 2000;

/** the tail of a build's output, which is where compilers put the error */
export function boundedMessage(text: string, max = MAX_MESSAGE): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `…${trimmed.slice(trimmed.length - max + 1)}`;
}

const condition = (type: string, reason: string, message: string, at: string) => ({
  type,
  status: 'True',
  reason,
  message,
  lastProbeTime: at,
  lastTransitionTime: at,
});

const counts = { ready: 0, terminating: 0, uncountedTerminatedPods: {} };

export function jobStarted(startTime: Date) {
  return { status: { startTime: startTime.toISOString(), active: 1, ...counts } };
}

export function jobRunning() {
  return { status: { active: 1, ...counts, ready: 1 } };
}

export function jobSucceeded(completionTime: Date) {
  const at = completionTime.toISOString();
  const message = 'Reached expected number of succeeded pods';
  return {
    status: {
      completionTime: at,
      active: 0,
      succeeded: 1,
      ...counts,
      conditions: [
        condition('SuccessCriteriaMet', 'CompletionsReached', message, at),
        condition('Complete', 'CompletionsReached', message, at),
      ],
    },
  };
}

export type JobFailure = { reason: 'BackoffLimitExceeded'; output: string } | { reason: 'DeadlineExceeded' };

export function jobFailed(failure: JobFailure, at: Date) {
  const when = at.toISOString();
  const message =
    failure.reason === 'DeadlineExceeded'
      ? 'Job was active longer than specified deadline'
      : boundedMessage(`Job has reached the specified backoff limit: ${failure.output}`);
  return {
    status: {
      active: 0,
      failed: 1,
      ...counts,
      conditions: [
        condition('FailureTarget', failure.reason, message, when),
        condition('Failed', failure.reason, message, when),
      ],
    },
  };
}

type Terminated = { exitCode: number; reason: string; message?: string; startedAt: string; finishedAt: string };

const containerStatus = (name: string, image: string | undefined, state: Record<string, unknown>, ready = false) => ({
  name,
  image: image ?? '',
  imageID: '',
  ready,
  restartCount: 0,
  started: 'running' in state,
  state,
});

/** the build Pod while its main container runs (the context init container has finished) */
export function podRunning(
  init: { name: string; image?: string },
  main: { name: string; image?: string },
  start: Date,
  initDone: Date
) {
  const startedAt = start.toISOString();
  const terminated: Terminated = { exitCode: 0, reason: 'Completed', startedAt, finishedAt: initDone.toISOString() };
  return {
    status: {
      phase: 'Running',
      startTime: startedAt,
      hostIP: '127.0.0.1',
      podIP: '127.0.0.1',
      initContainerStatuses: [containerStatus(init.name, init.image, { terminated })],
      containerStatuses: [
        containerStatus(main.name, main.image, { running: { startedAt: initDone.toISOString() } }, true),
      ],
    },
  };
}

/** the build Pod once its main container ended; Kaniko's --digest-file=/dev/termination-log is the message */
export function podFinished(
  main: { name: string; image?: string },
  started: Date,
  finished: Date,
  outcome: { exitCode: number; reason: string; message?: string }
) {
  const terminated: Terminated = {
    ...outcome,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
  };
  return {
    status: {
      phase: outcome.exitCode === 0 ? 'Succeeded' : 'Failed',
      ...(outcome.reason === 'DeadlineExceeded'
        ? { reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' }
        : {}),
      containerStatuses: [containerStatus(main.name, main.image, { terminated })],
    },
  };
}
