// One reconcile of one LambdaFunction: finalizer, source → build → deploy → eventing, then one status write
// (only if something changed). Metric effects apply only after that write succeeded, so a retried pass
// never counts an event twice.
import type { LambdaFunction } from '../api';
import { isForbidden, isInvalid } from '../kube/errors';

import { announce, EVENT_REASONS, normal } from './announce';
import { buildStep } from './build-step';
import type { Pass, ReconcileDeps } from './context';
import { deployStep } from './deploy-step';
import { digestStep } from './digest-step';
import { eventingStep } from './eventing-step';
import { ensureFinalizer, finalize } from './finalize';
import { imageStep } from './image-step';
import { recordInvalidRequest } from './invalid-request';
import { namespaceEnabled, recordForbidden, recordNamespaceNotEnabled } from './namespace-gate';
import { REASONS } from './reasons';
import { StatusDraft } from './status-draft';

/** an error whose consequences are already recorded in the status draft (and its metric effects) */
export interface RecordedError extends Error {
  recorded: true;
}

export interface ReconcileOutcome {
  /** reconcile again after this long (a scheduled retry) */
  requeueAfterMs?: number;
}

export const isRecorded = (err: unknown): err is RecordedError => (err as { recorded?: unknown })?.recorded === true;

async function builtImage(deps: ReconcileDeps, pass: Pass): Promise<string | undefined> {
  const tagged = await buildStep(deps, pass);
  return tagged && digestStep(deps, pass, tagged);
}

async function runSteps(deps: ReconcileDeps, pass: Pass): Promise<void> {
  const image = pass.fn.spec.source.image ? await imageStep(deps, pass) : await builtImage(deps, pass);
  if (!image) {
    return;
  }
  const deployed = await deployStep(deps, pass, image);
  const eventingReady = await eventingStep(deps, pass);
  if (deployed && eventingReady) {
    pass.draft.phase = 'Ready';
    pass.draft.setCondition('Ready', 'True', REASONS.ready, pass.draft.status.service?.url ?? '');
    if (pass.fn.status?.phase !== 'Ready') {
      announce(
        deps,
        pass,
        normal(EVENT_REASONS.ready, 'Reconcile', `serving at ${pass.draft.status.service?.url ?? '(no URL yet)'}`)
      );
    }
  }
}

export async function reconcileFunction(
  deps: ReconcileDeps,
  stored: LambdaFunction,
  signal?: AbortSignal
): Promise<ReconcileOutcome> {
  if (stored.metadata.deletionTimestamp) {
    await finalize(deps, stored);
    return {};
  }
  if (!namespaceEnabled(deps, stored)) {
    await recordNamespaceNotEnabled(deps, stored);
    return {};
  }
  const fn = await ensureFinalizer(deps, stored);
  const pass: Pass = { fn, draft: new StatusDraft(fn), effects: [], signal };
  if (!fn.status?.phase) {
    pass.draft.phase = 'Pending';
  }
  let failure: unknown;
  try {
    await runSteps(deps, pass);
  } catch (err) {
    if (isInvalid(err)) {
      recordInvalidRequest(deps, pass, err);
    } else if (isForbidden(err)) {
      recordForbidden(deps, pass.draft, fn, err);
      failure = Object.assign(err as Error, { recorded: true });
    } else if (isRecorded(err)) {
      failure = err;
    } else {
      throw err;
    }
  }
  if (pass.draft.changed) {
    await deps.kube.writeStatus(fn, pass.draft.status);
  }
  pass.effects.forEach((apply) => apply());
  if (failure) {
    throw failure;
  }
  return { requeueAfterMs: pass.requeueAfterMs };
}
