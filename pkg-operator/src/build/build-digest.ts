// The digest Kaniko pushed, as the build Pod's `kaniko` container reports it in its termination message
// (--digest-file=/dev/termination-log). The Job controller labels its Pods batch.kubernetes.io/job-name=<job>.
import type { V1Pod } from '@kubernetes/client-node';

export const KANIKO_CONTAINER = 'kaniko';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
const DIGEST = /^sha256:[0-9a-f]{64}$/;

export type BuildDigest =
  { state: 'known'; digest: string } | { state: 'pending'; message: string } | { state: 'invalid'; message: string };

export const podSelector = (jobName: string) => `${JOB_NAME_LABEL}=${jobName}`;

export function buildDigest(jobName: string, pods: readonly V1Pod[]): BuildDigest {
  const terminated = pods
    .map((p) => p.status?.containerStatuses?.find((c) => c.name === KANIKO_CONTAINER)?.state?.terminated)
    .filter((t) => t !== undefined && t.exitCode === 0);
  if (terminated.length === 0) {
    return { state: 'pending', message: `waiting for build Job ${jobName}'s Pod to report the image digest` };
  }
  const reported = (terminated[0]!.message ?? '').trim();
  return DIGEST.test(reported)
    ? { state: 'known', digest: reported }
    : {
        state: 'invalid',
        message: `build Job ${jobName} succeeded but its ${KANIKO_CONTAINER} container reported no image digest ("${reported.slice(0, 80)}")`,
      };
}

/** the immutable reference of a pushed image: `<repository>@sha256:<hex>` (the tag is dropped) */
export function digestReference(taggedImage: string, digest: string): string {
  const slash = taggedImage.lastIndexOf('/');
  const colon = taggedImage.lastIndexOf(':');
  const repository = colon > slash ? taggedImage.slice(0, colon) : taggedImage;
  return `${repository}@${digest}`;
}
