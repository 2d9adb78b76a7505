// Wires caches → work queue → reconciler. Caches run on every replica (so a new leader starts warm);
// workers run only while this replica leads. Stopping work drains: no new keys, in-flight ones finish.
import type { KubeConfig } from '@kubernetes/client-node';

import type { LambdaFunction } from '../api';
import { isActive } from '../build/job-state';
import type { Caches } from '../informers/caches';
import { createCaches } from '../informers/caches';
import { ItemBackoff } from '../queue/backoff';
import { WorkQueue } from '../queue/work-queue';
import { runWorkers } from '../queue/workers';
import type { Tracer } from '../tracing/tracer';

import type { ReconcileDeps } from './context';
import type { RetryPolicy } from './fetch-retry';
import { DEFAULT_FETCH_RETRY, FetchRetries } from './fetch-retry';
import { reconcileKey } from './reconcile-key';

export interface ControllerOptions {
  workers: number;
  /** watch one namespace only; all namespaces when undefined */
  namespace?: string;
  tracer?: Tracer;
  /** how often a 409 is retried from a fresh read within one reconcile */
  conflictRetries?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** backoff between attempts after a transient source fetch failure */
  fetchRetry?: RetryPolicy;
}

export type ControllerDeps = Omit<ReconcileDeps, 'jobs' | 'services' | 'namespaces' | 'fetchRetries'>;

export class LambdaController {
  readonly caches: Caches;
  private readonly deps: ReconcileDeps;
  private queue?: WorkQueue;
  private workers?: Promise<void>;
  private abort = new AbortController();
  private handled = 0;

  constructor(
    kc: KubeConfig,
    base: ControllerDeps,
    private readonly opts: ControllerOptions
  ) {
    this.caches = createCaches(kc, base.kube, (key) => this.queue?.add(key), opts.namespace, base.log);
    this.deps = {
      ...base,
      jobs: this.caches.jobs,
      services: this.caches.services,
      namespaces: this.caches.namespaces,
      fetchRetries: new FetchRetries(opts.fetchRetry ?? DEFAULT_FETCH_RETRY),
    };
  }

  async startCaches(): Promise<void> {
    await Promise.all(this.allCaches().map((c) => c.start()));
  }

  get synced(): boolean {
    return this.allCaches().every((c) => c.synced);
  }

  get working(): boolean {
    return this.queue !== undefined;
  }

  queueDepth(): number {
    return this.queue?.depth ?? 0;
  }

  /** keys a worker holds right now */
  keysInFlight(): number {
    return this.queue?.inFlight ?? 0;
  }

  /** reconciles started so far, counted here apart from reconcile_total (tests compare the two) */
  get reconcilesHandled(): number {
    return this.handled;
  }

  functions(): readonly LambdaFunction[] {
    return this.caches.functions.list();
  }

  activeBuildNamespaces(): string[] {
    return this.caches.jobs
      .list()
      .filter(isActive)
      .map((j) => j.metadata?.namespace ?? '');
  }

  /** begin reconciling (on becoming leader): every known function is queued once */
  startWorking(): void {
    if (this.queue) {
      return;
    }
    const queue = new WorkQueue(new ItemBackoff(this.opts.backoff), {
      waited: (s) => this.deps.metrics.queueWaited(s),
    });
    this.queue = queue;
    this.abort = new AbortController();
    for (const fn of this.caches.functions.list()) {
      queue.add(`${fn.metadata.namespace}/${fn.metadata.name}`);
    }
    this.workers = runWorkers(queue, this.opts.workers, (key) => this.handle(queue, key));
  }

  /** stop taking keys and wait for the in-flight ones; after graceMs their fetches and API calls are aborted */
  async stopWorking(graceMs = 10_000): Promise<void> {
    const queue = this.queue;
    if (!queue) {
      return;
    }
    queue.shutDown();
    const timer = setTimeout(() => this.abort.abort(new Error('the operator is stopping')), graceMs);
    await this.workers;
    clearTimeout(timer);
    this.queue = undefined;
    this.workers = undefined;
  }

  async stopCaches(): Promise<void> {
    await Promise.all(this.allCaches().map((c) => c.stop()));
  }

  private allCaches() {
    const { functions, jobs, services, namespaces } = this.caches;
    return [functions, jobs, services, namespaces];
  }

  private async handle(queue: WorkQueue, key: string): Promise<void> {
    const [namespace, name] = key.split('/');
    const fn = this.caches.functions.get(name, namespace);
    if (!fn) {
      queue.forget(key);
      return;
    }
    this.handled++;
    const outcome = await reconcileKey(this.deps, fn, {
      conflictRetries: this.opts.conflictRetries ?? 3,
      tracer: this.opts.tracer,
      signal: this.abort.signal,
    });
    if (outcome.failure !== undefined) {
      const delay = queue.addRateLimited(key);
      this.deps.log(`reconcile ${key} failed, retrying in ${delay} ms: ${outcome.failure}`);
      return;
    }
    queue.forget(key);
    if (outcome.requeueAfterMs !== undefined) {
      queue.addAfter(key, outcome.requeueAfterMs);
    }
  }
}
