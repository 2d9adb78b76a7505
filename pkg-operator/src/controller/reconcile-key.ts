// One reconcile of one queued key, as the work queue hands it out: a 409 is retried from a fresh read within
// the same reconcile, and however many attempts it took, reconcile_total and the duration are recorded once.
import type { ReconcileResult } from '../../../contract';
import type { LambdaFunction } from '../api';
import { phaseOf } from '../api';
import { cancellableBy } from '../kube/deadline';
import { errorMessage, isConflict, isNotFound } from '../kube/errors';
import type { Tracer } from '../tracing/tracer';

import type { ReconcileDeps } from './context';
import { isRecorded, reconcileFunction } from './reconciler';

export interface KeyOutcome {
  /** the function is gone (or the key is done): forget its backoff */
  done: boolean;
  /** failed: retry with the queue's backoff */
  failure?: string;
  /** succeeded, but reconcile again after this long */
  requeueAfterMs?: number;
}

export interface ReconcileKeyOptions {
  conflictRetries: number;
  tracer?: Tracer;
  /** aborts the reconcile's API calls and source fetches (shutdown) */
  signal: AbortSignal;
}

export async function reconcileKey(
  deps: ReconcileDeps,
  cached: LambdaFunction,
  opts: ReconcileKeyOptions
): Promise<KeyOutcome> {
  const { namespace = '', name = '' } = cached.metadata;
  const key = `${namespace}/${name}`;
  const phase = phaseOf(cached);
  const span = opts.tracer?.startReconcile(key);
  const started = performance.now();
  let result: ReconcileResult = 'success';
  let failure: string | undefined;
  try {
    let fn = cached;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await cancellableBy(opts.signal, () => reconcileFunction(deps, fn, opts.signal));
        return { done: true, requeueAfterMs: outcome.requeueAfterMs };
      } catch (err) {
        if (!isConflict(err) || attempt > opts.conflictRetries) {
          throw err;
        }
        deps.metrics.error('reconcile', 'conflict');
        fn = await cancellableBy(opts.signal, () => deps.kube.getLambdaFunction(namespace, name));
      }
    }
  } catch (err) {
    if (isNotFound(err)) {
      return { done: true };
    }
    result = 'error';
    failure = errorMessage(err);
    if (!isRecorded(err)) {
      deps.metrics.error('reconcile', isConflict(err) ? 'conflict' : 'api_error');
    }
    return { done: false, failure };
  } finally {
    const seconds = (performance.now() - started) / 1000;
    span?.end({ 'lambda.function': name, 'lambda.namespace': namespace, 'lambda.phase': phase }, failure);
    deps.metrics.reconciled(phase, result, seconds, span?.traceId);
  }
}
