// Per-item exponential backoff: base * 2^failures, capped; forget() resets an item.
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export class ItemBackoff {
  private readonly failures = new Map<string, number>();

  constructor(private readonly opts: BackoffOptions = { baseMs: 50, maxMs: 60_000 }) {}

  /** delay before the next retry of key, counting this failure */
  next(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(this.opts.maxMs, this.opts.baseMs * 2 ** Math.min(n, 30));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}
