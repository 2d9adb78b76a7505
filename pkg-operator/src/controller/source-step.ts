// SourceReady: checks the source against the security policy, fetches it and turns it into a build context.
// A rejection is recorded on the function (condition + Failed) and counted once, when that status is written.
import type { OperatorErrorType } from '../../../contract';
import { buildContext, splitArchive } from '../build/build-context';
import { DockerfileError } from '../build/dockerfile';
import type { SourceErrorType } from '../sources/types';

import { announce, warning } from './announce';
import type { Pass, ReconcileDeps } from './context';
import { retryMessage } from './fetch-retry';
import { REASONS, sourceFailureReason } from './reasons';

export interface PreparedContext {
  contentHash: string;
  parts: Buffer[];
  archiveBytes: number;
}

function isSourceError(err: unknown): err is { errorType: SourceErrorType; reason: string; retryable?: boolean } {
  const e = err as { errorType?: unknown; reason?: unknown } | undefined;
  return typeof e?.errorType === 'string' && typeof e.reason === 'string';
}

export function failSource(
  deps: ReconcileDeps,
  pass: Pass,
  errorType: OperatorErrorType,
  reason: string,
  conditionReason: string
): void {
  const { draft } = pass;
  draft.setCondition('SourceReady', 'False', conditionReason, reason);
  draft.setCondition('Ready', 'False', conditionReason, reason);
  draft.phase = 'Failed';
  announce(deps, pass, warning(conditionReason, 'CheckSource', reason));
  const component =
    errorType === 'fetch_failed' || errorType === 'scratch_exhausted'
      ? 'source'
      : errorType === 'context_too_large'
        ? 'build'
        : 'validation';
  pass.effects.push(() => deps.metrics.error(component, errorType));
}

/**
 * a transient fetch failure: recorded as retrying (not failed), with the next attempt scheduled. Counted (and
 * announced) when it happens rather than when the status is written: each one is a real fetch, and a pass
 * retried after a conflict does not fetch again while the retry is scheduled.
 */
function retryFetch(deps: ReconcileDeps, pass: Pass, reason: string): void {
  const { draft, fn } = pass;
  const retry = deps.fetchRetries.failed(fn);
  const message = retryMessage(reason, retry);
  draft.setCondition('SourceReady', 'False', REASONS.fetchRetrying, message);
  draft.setCondition('Ready', 'False', REASONS.fetchRetrying, message);
  draft.phase = 'Pending';
  pass.requeueAfterMs = retry.delayMs;
  deps.log(`${fn.metadata.namespace}/${fn.metadata.name}: ${message}`);
  deps.events.record(fn, warning(REASONS.fetchRetrying, 'FetchSource', reason));
  deps.metrics.error('source', 'fetch_failed');
}

/** the policy verdict; false when the source was rejected (and recorded as such) */
export async function sourceAllowed(deps: ReconcileDeps, pass: Pass): Promise<boolean> {
  const verdict = await deps.sources.validateSource(pass.fn.spec);
  if (!verdict.allowed) {
    failSource(deps, pass, verdict.errorType, verdict.reason, sourceFailureReason(verdict.errorType));
  }
  return verdict.allowed;
}

export async function prepareContext(deps: ReconcileDeps, pass: Pass): Promise<PreparedContext | undefined> {
  const { fn, draft } = pass;
  if (!(await sourceAllowed(deps, pass))) {
    return undefined;
  }
  let source;
  try {
    source = await deps.sources.prepareBuildContext(fn.spec, {
      fn: { namespace: fn.metadata.namespace ?? '', name: fn.metadata.name ?? '' },
      signal: pass.signal,
    });
  } catch (err) {
    if (isSourceError(err) && err.retryable) {
      retryFetch(deps, pass, err.reason);
      return undefined;
    }
    if (isSourceError(err)) {
      failSource(deps, pass, err.errorType, err.reason, sourceFailureReason(err.errorType));
      return undefined;
    }
    throw err;
  }
  deps.fetchRetries.succeeded(fn);
  let context;
  try {
    context = buildContext({ spec: fn.spec, source, runtimes: deps.runtimes, baseImages: deps.settings.baseImages });
  } catch (err) {
    if (err instanceof DockerfileError) {
      failSource(deps, pass, 'invalid_spec', err.message, REASONS.validationFailed);
      return undefined;
    }
    throw err;
  }
  const archiveBytes = context.archive.length;
  const limit = deps.settings.maxContextBytes;
  if (archiveBytes > limit) {
    const message = `the build context is ${archiveBytes} bytes compressed; the operator can hand at most ${limit} bytes to a build (--max-context-bytes). Move large assets out of the source or into the image.`;
    failSource(deps, pass, 'context_too_large', message, REASONS.contextTooLarge);
    return undefined;
  }
  draft.status.contentHash = context.contentHash;
  const files = Object.keys(source.files).length;
  draft.setCondition(
    'SourceReady',
    'True',
    REASONS.sourceFetched,
    `${files} files, ${source.bytes} bytes; build context ${archiveBytes} bytes compressed`
  );
  return {
    contentHash: context.contentHash,
    parts: splitArchive(context.archive, deps.settings.contextPartBytes),
    archiveBytes,
  };
}
