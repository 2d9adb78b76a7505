// A rate-limited work queue with client-go semantics: a key is queued at most once (dedupe), never handed to
// two workers at once (a key added while in flight is re-queued when done), and failing keys come back after
// a per-key exponential backoff.
import { ItemBackoff } from './backoff';

export interface WorkQueueObserver {
  /** seconds the key waited between being added and being handed to a worker */
  waited(seconds: number): void;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly addedAt = new Map<string, number>();
  private readonly delayed = new Map<string, { due: number; timer: NodeJS.Timeout }>();
  private readonly waiters: Array<(key: string | undefined) => void> = [];
  private shuttingDown = false;

  constructor(
    private readonly backoff = new ItemBackoff(),
    private readonly observer?: WorkQueueObserver,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** keys waiting for a worker (not counting those in flight or waiting out a backoff) */
  get depth(): number {
    return this.queue.length;
  }

  get inFlight(): number {
    return this.processing.size;
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) {
      return;
    }
    this.dirty.add(key);
    if (!this.addedAt.has(key)) {
      this.addedAt.set(key, this.now());
    }
    if (this.processing.has(key)) {
      return;
    }
    this.push(key);
  }

  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) {
      return;
    }
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const due = Date.now() + delayMs;
    const existing = this.delayed.get(key);
    if (existing && existing.due <= due) {
      return;
    }
    if (existing) {
      clearTimeout(existing.timer);
    }
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.delayed.set(key, { due, timer });
  }

  /** re-queues key after its exponential backoff */
  addRateLimited(key: string): number {
    const delay = this.backoff.next(key);
    this.addAfter(key, delay);
    return delay;
  }

  /** the key succeeded: reset its backoff */
  forget(key: string): void {
    this.backoff.forget(key);
  }

  /** next key for a worker; undefined once the queue shuts down */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) {
      return Promise.resolve(undefined);
    }
    const key = this.queue.shift();
    if (key !== undefined) {
      return Promise.resolve(this.handOut(key));
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.push(key);
    }
  }

  /** stop handing out work; workers blocked in get() receive undefined */
  shutDown(): void {
    this.shuttingDown = true;
    this.delayed.forEach((d) => clearTimeout(d.timer));
    this.delayed.clear();
    this.waiters.splice(0).forEach((w) => w(undefined));
  }

  private push(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(this.handOut(key));
    } else {
      this.queue.push(key);
    }
  }

  private handOut(key: string): string {
    this.processing.add(key);
    this.dirty.delete(key);
    const added = this.addedAt.get(key);
    this.addedAt.delete(key);
    if (added !== undefined) {
      this.observer?.waited((this.now() - added) / 1000);
    }
    return key;
  }
}
