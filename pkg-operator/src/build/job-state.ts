// What a build Job's status says, in the operator's terms. Times come from the Job itself (not from when the
// operator noticed), so build durations carry no polling lag.
import type { V1Job } from '@kubernetes/client-node';

export type JobState =
  | { state: 'running'; startedAt?: Date }
  | { state: 'succeeded'; startedAt?: Date; completedAt: Date }
  | { state: 'failed'; timedOut: boolean; message: string; startedAt?: Date; completedAt: Date };

/** watch events carry RFC 3339 strings, typed list results carry Dates: accept both */
const toDate = (v: unknown): Date | undefined => (v === undefined || v === null ? undefined : new Date(v as string));

export function jobState(job: V1Job): JobState {
  const status = job.status ?? {};
  const startedAt = toDate(status.startTime);
  const condition = (type: string) => status.conditions?.find((c) => c.type === type && c.status === 'True');
  const complete = condition('Complete');
  if (complete) {
    return {
      state: 'succeeded',
      startedAt,
      completedAt: toDate(status.completionTime) ?? toDate(complete.lastTransitionTime) ?? new Date(),
    };
  }
  const failed = condition('Failed');
  if (failed) {
    const timedOut = failed.reason === 'DeadlineExceeded';
    return {
      state: 'failed',
      timedOut,
      message: failed.message ?? (timedOut ? 'the build exceeded spec.build.timeout' : 'the build Job failed'),
      startedAt,
      completedAt: toDate(failed.lastTransitionTime) ?? new Date(),
    };
  }
  return { state: 'running', startedAt };
}

/** started and not finished: what build_jobs_active counts */
export function isActive(job: V1Job): boolean {
  return jobState(job).state === 'running' && job.status?.startTime !== undefined;
}

export function secondsBetween(start: Date | undefined, end: Date): number | undefined {
  return start ? Math.max(0, (end.getTime() - start.getTime()) / 1000) : undefined;
}
