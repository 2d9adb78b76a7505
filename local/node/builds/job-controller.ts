// Stands in for the Job controller and the kubelet for the operator's Kaniko build Jobs: one Pod per Job (as the
// Job controller creates it), the context joined from the ConfigMaps, the runtime's Dockerfile run locally, the
// artefact's digest as the kaniko container's termination message, and the Job's status as v1.36 writes it.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { V1Job, V1Pod } from '@kubernetes/client-node';

import { K8S_LABELS } from '../../../contract';
import type { NodeContext } from '../context';
import { errorMessage, MERGE_PATCH, tolerate } from '../context';
import { keyOf, watchResource } from '../kube/watch';

import { ContextNotReady, joinContext, unpackContext } from './build-context';
import type { JobFailure } from './job-status';
import { jobFailed, jobRunning, jobStarted, jobSucceeded, podFinished, podRunning } from './job-status';
import { runDockerfile } from './run-dockerfile';

class Aborted extends Error {}
class StepFailed extends Error {
  constructor(readonly output: string) {
    super(output);
  }
}

interface RunningBuild {
  abort: AbortController;
  reason?: 'deadline' | 'deleted' | 'stopped';
  podName?: string;
  stopStep?: () => Promise<void>;
}

/** the machine's toolchain settings (package index, certificates, proxies, Go caches): the base image's tools are the host's */
const TOOLCHAIN_ENV =
  /^(PIP_|npm_config_|NPM_CONFIG_|HTTPS?_PROXY$|https?_proxy$|NO_PROXY$|no_proxy$|SSL_CERT_|PYENV|GOCACHE$|GOMODCACHE$|GOPATH$|GOROOT$)/;
const toolchainEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => TOOLCHAIN_ENV.test(k)));

const isFinished = (job: V1Job) =>
  (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

export const destinationOf = (job: V1Job): string | undefined =>
  job.spec?.template.spec?.containers[0]?.args
    ?.find((a) => a.startsWith('--destination='))
    ?.slice('--destination='.length);

function buildPod(job: V1Job): V1Pod {
  const { name = '', namespace, uid = '' } = job.metadata ?? {};
  const template = job.spec!.template;
  return {
    metadata: {
      generateName: `${name}-`,
      namespace,
      labels: {
        ...template.metadata?.labels,
        'job-name': name,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': uid,
        'batch.kubernetes.io/controller-uid': uid,
      },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: template.spec,
  };
}

export function startJobController(ctx: NodeContext) {
  const running = new Map<string, RunningBuild>();
  const finished = new Set<string>();

  /** the `default` ServiceAccount the ServiceAccount controller would have created (admission requires it) */
  const ensureServiceAccount = (namespace: string, name: string) =>
    tolerate(ctx.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } }), 409);

  const patchJob = (job: V1Job, body: object) =>
    ctx.batch.patchNamespacedJobStatus(
      { namespace: job.metadata!.namespace!, name: job.metadata!.name!, body },
      MERGE_PATCH
    );
  const patchPod = (namespace: string, name: string, body: object) =>
    ctx.core.patchNamespacedPodStatus({ namespace, name, body }, MERGE_PATCH);

  async function runStep(
    build: RunningBuild,
    job: V1Job,
    argv: string[],
    opts: { env: NodeJS.ProcessEnv; cwd: string; description: string }
  ) {
    if (build.abort.signal.aborted) {
      throw new Aborted();
    }
    const proc = ctx.processes.start({
      kind: 'build',
      namespace: job.metadata!.namespace!,
      owner: job.metadata!.name!,
      pod: build.podName ?? job.metadata!.name!,
      bin: argv[0],
      args: argv.slice(1),
      cwd: opts.cwd,
      env: {
        ...toolchainEnv(),
        ...opts.env,
        GOTOOLCHAIN: 'local',
        GOPROXY: 'off',
        GOFLAGS: '-mod=mod',
        PIP_ONLY_BINARY: ':all:',
        PIP_DISABLE_PIP_VERSION_CHECK: '1',
        PIP_NO_INPUT: '1',
        PIP_TIMEOUT: '10',
        PIP_RETRIES: '0',
        npm_config_update_notifier: 'false',
      },
    });
    build.stopStep = () => proc.stop(500);
    const code = await proc.exited;
    build.stopStep = undefined;
    if (build.abort.signal.aborted) {
      throw new Aborted();
    }
    if (code !== '0') {
      throw new StepFailed(`${opts.description} exited with ${code}:\n${proc.logTail(60)}`);
    }
  }

  async function contextWithRetry(build: RunningBuild, job: V1Job): Promise<Buffer> {
    for (;;) {
      try {
        return await joinContext(ctx.core, job);
      } catch (err) {
        if (!(err instanceof ContextNotReady) || build.abort.signal.aborted) {
          throw build.abort.signal.aborted ? new Aborted() : err;
        }
        await new Promise((r) => setTimeout(r, 1000)); // the kubelet keeps retrying a missing ConfigMap volume
      }
    }
  }

  async function build(job: V1Job, state: RunningBuild): Promise<void> {
    const namespace = job.metadata!.namespace!;
    const template = job.spec!.template.spec!;
    const init = template.initContainers?.[0] ?? { name: 'context', image: '' };
    const main = template.containers[0];
    const destination = destinationOf(job);
    if (!destination) {
      throw new Error('the build Job names no --destination');
    }
    await ensureServiceAccount(namespace, template.serviceAccountName ?? 'default');
    const pod = await ctx.core.createNamespacedPod({ namespace, body: buildPod(job) });
    state.podName = pod.metadata!.name!;
    const startTime = job.status?.startTime ? new Date(job.status.startTime) : new Date();
    if (!job.status?.startTime) {
      await patchJob(job, jobStarted(startTime));
    }
    const deadline = job.spec?.activeDeadlineSeconds;
    const timer =
      deadline === undefined
        ? undefined
        : setTimeout(
            () => {
              state.reason = 'deadline';
              state.abort.abort();
              void state.stopStep?.();
            },
            Math.max(0, startTime.getTime() + deadline * 1000 - Date.now())
          );
    const workDir = path.join(ctx.rootDir, 'builds', `${namespace}-${state.podName}`);
    const mainStarted = new Date();
    try {
      const archive = await contextWithRetry(state, job);
      const contextDir = path.join(workDir, 'context');
      unpackContext(archive, contextDir);
      await patchPod(namespace, state.podName, podRunning(init, main, startTime, new Date()));
      await patchJob(job, jobRunning());
      const dockerfile = fs.readFileSync(path.join(contextDir, 'Dockerfile'), 'utf8');
      const image = await runDockerfile(dockerfile, {
        contextDir,
        workDir: path.join(workDir, 'stages'),
        shimDir: ctx.shimDir,
        run: (argv, opts) => runStep(state, job, argv, opts),
      });
      const artefact = ctx.images.push(destination, image.rootfs, image.config);
      const done = new Date();
      await patchPod(
        namespace,
        state.podName,
        podFinished(main, mainStarted, done, { exitCode: 0, reason: 'Completed', message: artefact.digest })
      );
      await patchJob(job, jobSucceeded(done));
      ctx.log(
        `build ${keyOf(job)}: ${destination} → ${artefact.digest} in ${(done.getTime() - startTime.getTime()) / 1000} s`
      );
    } catch (err) {
      if (state.reason === 'deleted' || state.reason === 'stopped') {
        return;
      }
      const failure: JobFailure =
        state.reason === 'deadline'
          ? { reason: 'DeadlineExceeded' }
          : {
              reason: 'BackoffLimitExceeded',
              output: err instanceof StepFailed ? err.output : String(err instanceof Error ? err.message : err),
            };
      const done = new Date();
      const exit =
        failure.reason === 'DeadlineExceeded'
          ? { exitCode: 137, reason: 'DeadlineExceeded' }
          : { exitCode: 1, reason: 'Error' };
      await patchPod(namespace, state.podName, podFinished(main, mainStarted, done, exit));
      await patchJob(job, jobFailed(failure, done));
      ctx.log(`build ${keyOf(job)} failed (${failure.reason})`);
    } finally {
      clearTimeout(timer);
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }

  const onJob = (event: 'add' | 'update' | 'delete', job: V1Job) => {
    const key = `${keyOf(job)}/${job.metadata?.uid}`;
    if (event === 'delete') {
      const state = running.get(key);
      if (state) {
        state.reason = 'deleted';
        state.abort.abort();
        void state.stopStep?.();
      }
      void deletePods(job).catch((err: unknown) => ctx.log(`deleting the Pods of ${keyOf(job)}: ${errorMessage(err)}`));
      return;
    }
    if (isFinished(job) || running.has(key) || finished.has(key)) {
      return;
    }
    const state: RunningBuild = { abort: new AbortController() };
    running.set(key, state);
    void build(job, state)
      .catch((err: unknown) => ctx.log(`build ${keyOf(job)}: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        running.delete(key);
        finished.add(key);
      });
  };

  /** the garbage collector's cascade for the Pods this node created for a deleted Job */
  const deletePods = async (job: V1Job) => {
    const namespace = job.metadata?.namespace ?? '';
    const pods = await ctx.core
      .listNamespacedPod({ namespace, labelSelector: `batch.kubernetes.io/controller-uid=${job.metadata?.uid}` })
      .catch(() => ({ items: [] as V1Pod[] }));
    for (const pod of pods.items) {
      await tolerate(ctx.core.deleteNamespacedPod({ namespace, name: pod.metadata!.name! }), 404);
    }
  };

  const selector = `${K8S_LABELS.build}=true`;
  const watch = watchResource<V1Job>(
    ctx.kc,
    '/apis/batch/v1/jobs',
    () => ctx.batch.listJobForAllNamespaces({ labelSelector: selector }),
    onJob,
    ctx.log,
    selector
  );
  return {
    async stop() {
      await watch.stop();
      for (const state of running.values()) {
        state.reason = 'stopped';
        state.abort.abort();
        await state.stopStep?.();
      }
    },
  };
}
