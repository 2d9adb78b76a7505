// BuildReady: one Kaniko Job per content hash. The Job name derives from the hash, so a restarted operator
// finds the Job an earlier run created instead of starting a second build. Build duration is taken from the
// Job's own start and completion times and recorded once, when the status noting the completion is written.
import { K8S_LABELS } from '../../../contract';
import type { LambdaFunction } from '../api';
import { DEFAULT_BUILD_TIMEOUT } from '../api';
import { jobState, secondsBetween } from '../build/job-state';
import { contextConfigMaps, kanikoJob } from '../build/kaniko-job';
import { ignoreConflict, ignoreNotFound } from '../kube/errors';
import { buildJobName, contextSelector, imageReference } from '../naming/names';

import { announce, EVENT_REASONS, normal, warning } from './announce';
import type { Pass, ReconcileDeps } from './context';
import { REASONS, STICKY_BUILD_REASONS, STICKY_SOURCE_REASONS } from './reasons';
import type { PreparedContext } from './source-step';
import { prepareContext } from './source-step';
import { storedCondition } from './status-draft';

async function startBuild(deps: ReconcileDeps, pass: Pass, prepared: PreparedContext, image: string): Promise<void> {
  const { fn, draft } = pass;
  const namespace = fn.metadata.namespace ?? '';
  const plan = {
    fn,
    contentHash: prepared.contentHash,
    image,
    parts: prepared.parts,
    timeout: fn.spec.build?.timeout ?? DEFAULT_BUILD_TIMEOUT,
  };
  for (const cm of contextConfigMaps(plan)) {
    await deps.kube.createConfigMap(namespace, cm).catch(ignoreConflict);
  }
  const job = kanikoJob(plan, deps.settings.build);
  await deps.kube.createJob(namespace, job).catch(ignoreConflict);
  await cancelSupersededBuilds(deps, fn, job.metadata?.name ?? '');
  draft.phase = 'Building';
  draft.status.build = { jobName: job.metadata?.name, image, contextBytes: prepared.archiveBytes };
  draft.setCondition('BuildReady', 'Unknown', REASONS.buildStarted, `build Job ${job.metadata?.name} created`);
  announceBuildStarted(deps, pass, job.metadata?.name ?? '', image);
  draft.setCondition('Ready', 'False', REASONS.building, 'the function is being built');
}

/** once per build Job: when the stored status does not name it yet (its create may have come from an attempt
 *  whose status write conflicted) */
function announceBuildStarted(deps: ReconcileDeps, pass: Pass, jobName: string, image: string): void {
  if (pass.fn.status?.build?.jobName !== jobName) {
    announce(deps, pass, normal(EVENT_REASONS.buildStarted, 'Build', `build Job ${jobName} created for ${image}`));
  }
}

/** a spec change while a build runs makes that build pointless: its Job and context go */
async function cancelSupersededBuilds(deps: ReconcileDeps, fn: LambdaFunction, current: string): Promise<void> {
  const name = fn.metadata.name ?? '';
  const namespace = fn.metadata.namespace ?? '';
  const superseded = deps.jobs
    .list(namespace)
    .filter((j) => j.metadata?.labels?.[K8S_LABELS.function] === name && j.metadata?.name !== current)
    .filter((j) => jobState(j).state === 'running');
  for (const job of superseded) {
    await deps.kube.deleteJob(namespace, job.metadata?.name ?? '').catch(ignoreNotFound);
    const hash = job.metadata?.labels?.[K8S_LABELS.contentHash] ?? '';
    await deps.kube.deleteConfigMaps(namespace, contextSelector(name, hash));
  }
}

/** the image to deploy once the build succeeded; undefined while building or after a failure */
export async function buildStep(deps: ReconcileDeps, pass: Pass): Promise<string | undefined> {
  const { fn, draft } = pass;
  const name = fn.metadata.name ?? '';
  const namespace = fn.metadata.namespace ?? '';
  const sameGeneration = fn.status?.observedGeneration === fn.metadata.generation;
  const source = storedCondition(fn, 'SourceReady');
  const built = storedCondition(fn, 'BuildReady');
  if (sameGeneration && source?.status === 'False' && STICKY_SOURCE_REASONS.includes(source.reason ?? '')) {
    return undefined; // rejected for this generation: only a spec change retries
  }
  const untilRetry = deps.fetchRetries.remainingMs(fn);
  if (sameGeneration && source?.reason === REASONS.fetchRetrying && untilRetry > 0) {
    pass.requeueAfterMs = untilRetry; // a transient fetch failure: come back when the next attempt is due
    return undefined;
  }
  let hash = sameGeneration ? fn.status?.contentHash : undefined;
  const imageFor = (h: string) => imageReference(deps.settings.registry, namespace, name, h);
  if (hash && built?.status === 'True' && fn.status?.build?.image === imageFor(hash)) {
    return imageFor(hash);
  }
  if (hash && built?.status === 'False' && STICKY_BUILD_REASONS.includes(built.reason ?? '')) {
    return undefined;
  }
  let job = hash ? deps.jobs.get(buildJobName(name, hash), namespace) : undefined;
  if (!job) {
    const prepared = await prepareContext(deps, pass);
    if (!prepared) {
      return undefined;
    }
    hash = prepared.contentHash;
    if (built?.status === 'True' && fn.status?.build?.image === imageFor(hash)) {
      return imageFor(hash); // the spec changed, the code did not: the image is still current
    }
    job = deps.jobs.get(buildJobName(name, hash), namespace);
    if (!job) {
      await startBuild(deps, pass, prepared, imageFor(hash));
      return undefined;
    }
  }
  const image = imageFor(hash!);
  const jobName = job.metadata?.name ?? '';
  const state = jobState(job);
  announceBuildStarted(deps, pass, jobName, image);
  const alreadyRecorded = fn.status?.build?.jobName === jobName && fn.status.build.completedAt !== undefined;
  draft.status.contentHash = hash;
  draft.status.build = {
    ...(draft.status.build?.jobName === jobName ? draft.status.build : {}), // nothing of another build
    jobName,
    image,
    startedAt: state.startedAt?.toISOString(),
  };
  if (state.state === 'running') {
    draft.phase = 'Building';
    draft.setCondition('BuildReady', 'Unknown', REASONS.building, `build Job ${jobName} is running`);
    draft.setCondition('Ready', 'False', REASONS.building, 'the function is being built');
    return undefined;
  }
  draft.status.build.completedAt = state.completedAt.toISOString();
  const runtime = fn.spec.runtime.language;
  const seconds = secondsBetween(state.startedAt, state.completedAt);
  if (state.state === 'succeeded') {
    draft.setCondition('BuildReady', 'True', REASONS.buildSucceeded, `built ${image}`);
    if (!alreadyRecorded) {
      announce(deps, pass, normal(EVENT_REASONS.buildSucceeded, 'Build', `built ${image}`));
      pass.effects.push(() => {
        if (seconds !== undefined) {
          deps.metrics.buildFinished(runtime, 'success', seconds);
        }
        deps.kube.deleteConfigMaps(namespace, contextSelector(name, hash!)).catch(() => undefined);
      });
    }
    return image;
  }
  const reason = state.timedOut ? REASONS.buildTimedOut : REASONS.buildFailed;
  draft.phase = 'Failed';
  draft.setCondition('BuildReady', 'False', reason, state.message);
  draft.setCondition('Ready', 'False', reason, `build Job ${jobName} failed: ${state.message}`);
  if (!alreadyRecorded) {
    announce(deps, pass, warning(reason, 'Build', `build Job ${jobName} failed: ${state.message}`));
    pass.effects.push(() => {
      if (seconds !== undefined) {
        deps.metrics.buildFinished(runtime, 'failed', seconds);
      }
      deps.metrics.error('build', state.timedOut ? 'build_timeout' : 'job_failed');
    });
  }
  return undefined;
}
