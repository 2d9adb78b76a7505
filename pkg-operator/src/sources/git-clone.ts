import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import git, { Errors } from 'isomorphic-git';

import type { GitSource } from '../api';

import { confinedFs } from './confined-fs';
import { GuardedHttpClient } from './guarded-http';
import type { Resolver } from './guarded-lookup';
import { checkGitRef } from './identifier-policy';
import { checkGitPath } from './path-policy';
import type { ResolvedPolicy } from './policy';
import type { ScratchBudget } from './scratch-budget';
import { checkGitUrl } from './url-policy';
import { SourceError, firstRejection, throwIfRejected } from './verdict';

export const CLONE_DIR_PREFIX = 'lambda-git-clone-';
export const DEFAULT_REF = 'main';

export interface GitCloneOptions {
  readonly policy: ResolvedPolicy;
  readonly budget: ScratchBudget;
  /** Parent of the clone directories; defaults to $TMPDIR. */
  readonly scratchDir?: string;
  readonly resolve?: Resolver;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Credentials from git.secretRef, read by the caller. */
  readonly auth?: { readonly username?: string; readonly password?: string };
}

/** Our own refusal, also when isomorphic-git wraps it (checkout gathers the errors of parallel writes). */
function sourceErrorIn(error: unknown): SourceError | undefined {
  const nested = (error as { errors?: unknown[] } | undefined)?.errors;
  if (error instanceof SourceError) {
    return error;
  }
  return Array.isArray(nested) ? nested.map(sourceErrorIn).find((e) => e !== undefined) : undefined;
}

function describeFailure(
  error: unknown,
  source: GitSource,
  ref: string,
  timeoutMs: number,
  timedOut: boolean
): SourceError {
  const refusal = sourceErrorIn(error);
  if (refusal) {
    return refusal;
  }
  if (timedOut) {
    return new SourceError('fetch_failed', `cloning ${source.url} took longer than ${timeoutMs / 1000}s`, true);
  }
  if (error instanceof Errors.NotFoundError) {
    return new SourceError(
      'fetch_failed',
      `ref "${ref}" was not found in ${source.url}; check git.ref (a branch or tag)`
    );
  }
  if (error instanceof Errors.HttpError) {
    const status = (error.data as { statusCode?: number }).statusCode;
    const hint = status === 401 || status === 403 ? ' check git.secretRef' : status === 404 ? ' check git.url' : '';
    const transient = status === undefined || status >= 500 || status === 408 || status === 429;
    return new SourceError(
      'fetch_failed',
      `the git server answered HTTP ${status} for ${source.url};${hint}`,
      transient
    );
  }
  // anything else is the network (refused, reset, DNS): worth another try
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError('fetch_failed', `cloning ${source.url} failed: ${message.slice(0, 300)}`, true);
}

/**
 * Shallow-clones one ref of a git source into $TMPDIR/lambda-git-clone-*, hands the checkout to `readCheckout`, and
 * removes it on every path (success, error, abort, timeout). The clone waits for, and stays within, its share of
 * the scratch budget; every connection (redirects included) is checked against the source policy.
 */
export async function withGitCheckout<T>(
  source: GitSource,
  options: GitCloneOptions,
  readCheckout: (root: string) => Promise<T>
): Promise<T> {
  const ref = source.ref ?? DEFAULT_REF;
  throwIfRejected(
    firstRejection(
      () => checkGitUrl(source.url, options.policy),
      () => checkGitRef(ref),
      () => (source.path === undefined ? { allowed: true } : checkGitPath(source.path))
    )
  );
  // Waiting for room in the budget is bounded by the caller's signal only; the clone timeout starts after.
  const reservation = await options.budget.reserve(options.signal);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const stopped = new AbortController();
  const signal = AbortSignal.any([timeout, stopped.signal, ...(options.signal ? [options.signal] : [])]);
  let dir: string | undefined;
  try {
    dir = await fsp.realpath(await fsp.mkdtemp(path.join(options.scratchDir ?? os.tmpdir(), CLONE_DIR_PREFIX)));
    const http = new GuardedHttpClient({
      policy: options.policy,
      maxResponseBytes: reservation.capBytes,
      resolve: options.resolve,
      signal,
    });
    await git.clone({
      fs: confinedFs(dir, reservation, signal, (refusal) => stopped.abort(refusal)),
      http,
      dir,
      url: source.url,
      ref,
      singleBranch: true,
      depth: 1,
      noTags: true,
      cache: {},
      onAuth: options.auth ? () => options.auth! : undefined,
    });
    signal.throwIfAborted();
    return await readCheckout(dir);
  } catch (error) {
    // A cancelled clone (shutdown, deletion) is not the source's fault: the caller gets its own abort reason back.
    const failure = options.signal?.aborted
      ? options.signal.reason
      : describeFailure(sourceErrorIn(stopped.signal.reason) ?? error, source, ref, timeoutMs, timeout.aborted);
    // isomorphic-git may still have writes in flight (it checks out in parallel batches): stop them before removing.
    stopped.abort(failure);
    throw failure;
  } finally {
    if (dir) {
      await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    }
    reservation.release();
  }
}
