// Built images are deployed by the digest the build reported, never by their tag: a tag can be pushed again by
// another build (or anyone with registry access), a digest cannot. The digest is read once per build Job from
// its Pod and kept in status.build.imageDigest.
import { buildDigest, digestReference, podSelector } from '../build/build-digest';

import type { Pass, ReconcileDeps } from './context';
import { REASONS } from './reasons';

/** the image reference to deploy; undefined while the digest is not known yet or when it is missing */
export async function digestStep(deps: ReconcileDeps, pass: Pass, taggedImage: string): Promise<string | undefined> {
  const { fn, draft } = pass;
  const build = draft.status.build ?? {};
  const jobName = build.jobName ?? '';
  const stored = fn.status?.build;
  if (stored?.imageDigest && stored.jobName === jobName && stored.image === taggedImage) {
    build.imageDigest = stored.imageDigest;
    return digestReference(taggedImage, stored.imageDigest);
  }
  const pods = await deps.kube.listPods(fn.metadata.namespace ?? '', podSelector(jobName));
  const digest = buildDigest(jobName, pods.items);
  if (digest.state === 'known') {
    draft.status.build = { ...build, imageDigest: digest.digest };
    draft.setCondition('BuildReady', 'True', REASONS.buildSucceeded, `built ${taggedImage} (${digest.digest})`);
    return digestReference(taggedImage, digest.digest);
  }
  draft.status.build = { ...build, imageDigest: undefined };
  if (digest.state === 'invalid') {
    draft.phase = 'Failed';
    draft.setCondition('BuildReady', 'False', REASONS.buildFailed, digest.message);
    draft.setCondition('Ready', 'False', REASONS.buildFailed, digest.message);
    return undefined;
  }
  draft.phase = 'Building';
  draft.setCondition('BuildReady', 'Unknown', REASONS.digestPending, digest.message);
  draft.setCondition('Ready', 'False', REASONS.building, 'the function is being built');
  // no watch on Pods: come back through the work queue's backoff
  throw Object.assign(new Error(digest.message), { recorded: true });
}
