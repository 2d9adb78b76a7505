// Wires caches → work queue → reconciler. Caches run on every replica (so a new leader starts warm);
// workers run only while this replica leads. Stopping work drains: no new keys, in-flight ones finish.
import { KubeConfig } from '@kubernetes/client-node';
import { ReconcileResult } from '../../../contract';
import { LambdaFunction } from '../api';
import { isActive } from '../build/job-state';
import { Caches, createCaches } from '../informers/caches';
import { errorMessage, isConflict, isNotFound } from '../kube/errors';
import { phaseOf } from '../metrics/cache-gauges';
import { ItemBackoff } from '../queue/backoff';
import { WorkQueue } from '../queue/work-queue';
import { runWorkers } from '../queue/workers';
import { Tracer } from '../tracing/tracer';
import { ReconcileDeps } from './context';
import { isRecorded, reconcileFunction } from './reconciler';

export interface ControllerOptions {
  workers: number;
  /** watch one namespace only; all namespaces when undefined */
  namespace?: string;
  tracer?: Tracer;
  /** how often a 409 is retried from a fresh read within one reconcile */
  conflictRetries?: number;
  backoff?: { baseMs: number; maxMs: number };
}

export type ControllerDeps = Omit<ReconcileDeps, 'jobs' | 'services' | 'namespaces'>;

export class LambdaController {
  readonly caches: Caches;
  private readonly deps: ReconcileDeps;
  private queue?: WorkQueue;
  private workers?: Promise<void>;
  private abort = new AbortController();

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

  /** stop taking keys and wait for the in-flight ones; after graceMs in-flight source fetches are aborted */
  async stopWorking(graceMs = 20_000): Promise<void> {
    const queue = this.queue;
    if (!queue) {
      return;
    }
    queue.shutDown();
    const timer = setTimeout(() => this.abort.abort(), graceMs);
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
    let fn = this.caches.functions.get(name, namespace);
    if (!fn) {
      queue.forget(key);
      return;
    }
    const { metrics, kube, log } = this.deps;
    const phase = phaseOf(fn);
    const span = this.opts.tracer?.startReconcile(key);
    const started = performance.now();
    let result: ReconcileResult = 'success';
    let failure: string | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await reconcileFunction(this.deps, fn, this.abort.signal);
          break;
        } catch (err) {
          if (!isConflict(err) || attempt > (this.opts.conflictRetries ?? 3)) {
            throw err;
          }
          metrics.error('reconcile', 'conflict');
          fn = await kube.getLambdaFunction(namespace, name);
        }
      }
      queue.forget(key);
    } catch (err) {
      if (isNotFound(err)) {
        queue.forget(key);
      } else {
        result = 'error';
        failure = errorMessage(err);
        if (!isRecorded(err)) {
          metrics.error('reconcile', isConflict(err) ? 'conflict' : 'api_error');
        }
        const delay = queue.addRateLimited(key);
        log(`reconcile ${key} failed, retrying in ${delay} ms: ${failure}`);
      }
    } finally {
      const seconds = (performance.now() - started) / 1000;
      span?.end({ 'lambda.function': name, 'lambda.namespace': namespace, 'lambda.phase': phase }, failure);
      metrics.reconciled(phase, result, seconds, span?.traceId);
    }
  }
}
