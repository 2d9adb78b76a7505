// Deletion: with the finalizer in place the function stays until the operator has removed what it created
// (owner references would do it only where a garbage collector runs), then the finalizer is dropped.
import { K8S_LABELS } from '../../../contract';
import type { LambdaFunction } from '../api';
import { LAMBDA_FINALIZER } from '../api';
import { ignoreNotFound } from '../kube/errors';
import { RESOURCES } from '../kube/resources';

import { EVENT_REASONS, normal } from './announce';
import type { ReconcileDeps } from './context';
import { removeEventing } from './eventing-step';
import { namespaceEnabled } from './namespace-gate';
import { REASONS } from './reasons';
import { lookUpService } from './service-ownership';
import { StatusDraft } from './status-draft';

export const hasFinalizer = (fn: LambdaFunction) => fn.metadata.finalizers?.includes(LAMBDA_FINALIZER) ?? false;

export async function ensureFinalizer(deps: ReconcileDeps, fn: LambdaFunction): Promise<LambdaFunction> {
  if (hasFinalizer(fn)) {
    return fn;
  }
  return deps.kube.setFinalizers(fn, [...(fn.metadata.finalizers ?? []), LAMBDA_FINALIZER]);
}

export async function finalize(deps: ReconcileDeps, fn: LambdaFunction): Promise<void> {
  if (!hasFinalizer(fn)) {
    return;
  }
  const namespace = fn.metadata.namespace ?? '';
  const name = fn.metadata.name ?? '';
  let current = fn;
  if (fn.status?.phase !== 'Deleting') {
    const draft = new StatusDraft(fn);
    draft.phase = 'Deleting';
    draft.setCondition('Ready', 'False', REASONS.deleting, 'the function is being deleted');
    current = await deps.kube.writeStatus(fn, draft.status);
  }
  if (!namespaceEnabled(deps, fn)) {
    // the operator may write nothing here any more: owner references leave what it made to the garbage collector
    await dropFinalizer(deps, current);
    return;
  }
  const service = await lookUpService(deps, fn);
  if (service.state === 'owned') {
    const uid = service.service.metadata?.uid;
    await deps.kube
      .deleteCustom('knativeServicesWrite', RESOURCES.knativeService, namespace, name, uid)
      .catch(ignoreNotFound);
  }
  await removeEventing(deps, namespace, name);
  const jobs = deps.jobs.list(namespace).filter((j) => j.metadata?.labels?.[K8S_LABELS.function] === name);
  for (const job of jobs) {
    await deps.kube.deleteJob(namespace, job.metadata?.name ?? '').catch(ignoreNotFound);
  }
  await deps.kube.deleteConfigMaps(namespace, `${K8S_LABELS.function}=${name}`);
  await dropFinalizer(deps, current);
  deps.events.record(
    fn,
    normal(EVENT_REASONS.deleted, 'Delete', 'removed its Knative Service, eventing, build Jobs and context')
  );
}

const dropFinalizer = (deps: ReconcileDeps, fn: LambdaFunction) =>
  deps.kube.setFinalizers(
    fn,
    (fn.metadata.finalizers ?? []).filter((f) => f !== LAMBDA_FINALIZER)
  );
