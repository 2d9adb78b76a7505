// Plays the Job controller and Knative Serving for many functions at once (as admin, straight to the API
// server): every build Job starts and finishes (or fails, when the decide callback says so), every Knative
// Service becomes Ready for its latest generation.
import type { KubeConfig, KubernetesObject, V1Job } from '@kubernetes/client-node';
import { BatchV1Api, CoreV1Api, CustomObjectsApi, makeInformer } from '@kubernetes/client-node';

import { K8S_LABELS } from '../../../contract';
import { RESOURCES } from '../../src/kube/resources';
import { buildSelector, managedSelector } from '../../src/naming/names';

import { finishJob, setServiceStatus, startJob } from './fake-controllers';

export type BuildOutcome = 'succeed' | 'fail';

export interface Autopilot {
  stop(): Promise<void>;
  /** actions that failed and were retried (conflicts with the operator's own writes are expected) */
  retries: number;
}

export async function startAutopilot(
  kc: KubeConfig,
  decide: (fn: string) => BuildOutcome = () => 'succeed'
): Promise<Autopilot> {
  const batch = kc.makeApiClient(BatchV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const handled = new Set<string>();
  const state = { retries: 0, stopped: false };
  const act = (key: string, action: () => Promise<unknown>) => {
    if (handled.has(key)) {
      return;
    }
    handled.add(key);
    const attempt = async (n: number): Promise<void> => {
      try {
        await action();
      } catch {
        if (!state.stopped && n < 20) {
          state.retries++;
          await new Promise((r) => setTimeout(r, 50 * n));
          await attempt(n + 1);
        }
      }
    };
    void attempt(1);
  };
  const jobs = makeInformer<V1Job>(
    kc,
    '/apis/batch/v1/jobs',
    () => batch.listJobForAllNamespaces({ labelSelector: buildSelector }),
    buildSelector
  );
  const onJob = (job: V1Job) => {
    const { namespace = '', name = '' } = job.metadata ?? {};
    if (job.status?.conditions?.length) {
      return;
    }
    const fn = job.metadata?.labels?.[K8S_LABELS.function] ?? '';
    act(`job/${namespace}/${name}`, async () => {
      const now = Date.now();
      if (!job.status?.startTime) {
        await startJob(batch, namespace, name, new Date(now - 3000)).catch(() => undefined);
      }
      await finishJob({ batch, core }, namespace, name, decide(fn), new Date(now));
    });
  };
  jobs.on('add', onJob);
  jobs.on('update', onJob);
  const K = RESOURCES.knativeService;
  const services = makeInformer<KubernetesObject & { status?: { observedGeneration?: number } }>(
    kc,
    `/apis/${K.group}/${K.version}/${K.plural}`,
    () =>
      custom.listCustomObjectForAllNamespaces({
        group: K.group,
        version: K.version,
        plural: K.plural,
        labelSelector: managedSelector,
      }),
    managedSelector
  );
  const onService = (svc: KubernetesObject & { status?: { observedGeneration?: number } }) => {
    const { namespace = '', name = '', generation } = svc.metadata ?? {};
    if (svc.status?.observedGeneration === generation) {
      return;
    }
    act(`ksvc/${namespace}/${name}/${generation}`, () => setServiceStatus(custom, namespace, name, 'True'));
  };
  services.on('add', onService);
  services.on('update', onService);
  await Promise.all([jobs.start(), services.start()]);
  return {
    get retries() {
      return state.retries;
    },
    async stop() {
      state.stopped = true;
      await Promise.all([jobs.stop(), services.stop()]);
    },
  };
}
