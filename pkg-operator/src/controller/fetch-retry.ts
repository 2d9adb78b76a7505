// Transient fetch failures (network, DNS, timeout, 5xx) are retried with exponential backoff instead of failing
// the function until its spec changes. The schedule is kept per function and generation on this replica: a new
// leader simply tries again at once.
import type { LambdaFunction } from '../api';

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

/** attempt 1 waits 10 s, attempt 3 waits 40 s, never more than 5 minutes */
export const DEFAULT_FETCH_RETRY: RetryPolicy = { baseMs: 10_000, maxMs: 300_000 };

export interface ScheduledRetry {
  attempt: number;
  delayMs: number;
}

const keyOf = (fn: LambdaFunction) => `${fn.metadata.namespace}/${fn.metadata.name}`;

export class FetchRetries {
  private readonly scheduled = new Map<string, { generation?: number; attempt: number; dueAt: number }>();

  constructor(
    private readonly policy: RetryPolicy = DEFAULT_FETCH_RETRY,
    private readonly now: () => number = Date.now
  ) {}

  /** records one more failed attempt for the function's current generation and when to try next */
  failed(fn: LambdaFunction): ScheduledRetry {
    const previous = this.current(fn);
    const attempt = (previous?.attempt ?? 0) + 1;
    const delayMs = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** Math.min(attempt - 1, 30));
    this.scheduled.set(keyOf(fn), { generation: fn.metadata.generation, attempt, dueAt: this.now() + delayMs });
    return { attempt, delayMs };
  }

  /** how long until the next attempt of this generation is due; 0 when it is (or none is scheduled) */
  remainingMs(fn: LambdaFunction): number {
    const scheduled = this.current(fn);
    return scheduled ? Math.max(0, scheduled.dueAt - this.now()) : 0;
  }

  succeeded(fn: LambdaFunction): void {
    this.scheduled.delete(keyOf(fn));
  }

  private current(fn: LambdaFunction) {
    const scheduled = this.scheduled.get(keyOf(fn));
    return scheduled?.generation === fn.metadata.generation ? scheduled : undefined;
  }
}

export function retryMessage(reason: string, retry: ScheduledRetry): string {
  return `${reason}; retrying in ${Math.round(retry.delayMs / 1000)}s, attempt ${retry.attempt}`;
}
