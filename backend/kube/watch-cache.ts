// A list+watch cache of one resource (the reflector pattern): one LIST, then a WATCH from its
// resourceVersion, applied to an in-memory map. Requests read the map; they never LIST. The map holds what
// `entry` makes of each object (e.g. a small summary), so the objects themselves are garbage once ingested.
// State: "starting" until the first watch is established (the LIST alone does not make it synced), "synced"
// once the API server has answered the watch (and while it is being resumed: a watch that fails is followed
// by an immediate relist), "error" once a LIST or a watch request fails (objects are kept but readers are told
// the data may be stale); LISTs are retried with backoff.
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';

import { logger } from '../log/hclog';

import { k8s } from './client-module';
import type { KubeFailure } from './errors';
import { classifyKubeError } from './errors';
import { withTimeout } from './with-timeout';

export type CacheState = 'starting' | 'synced' | 'error';

export interface WatchCacheOptions<T extends KubernetesObject, E> {
  kc: KubeConfig;
  /** metric label value, e.g. "lambdafunctions" */
  resource: string;
  /** API path of the collection, e.g. /apis/lambda.knative.io/v1alpha1/namespaces/a/lambdafunctions */
  path: string;
  /** LISTs the collection, feeding each object to `each`; resolves to the LIST's resourceVersion */
  list: (each: (obj: T) => void) => Promise<string>;
  /** what the cache keeps of an object */
  entry: (obj: T) => E;
  onEvent?: () => void;
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
const WATCH_TIMEOUT_SECONDS = 300;

function key(obj: KubernetesObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

export class WatchCache<T extends KubernetesObject, E> {
  private objects = new Map<string, E>();
  private resourceVersion = '';
  private _state: CacheState = 'starting';
  private _failure: KubeFailure | undefined;
  private stopped = false;
  private started = false;
  private backoffMs = MIN_BACKOFF_MS;
  private abort?: AbortController;
  private retryTimer?: NodeJS.Timeout;
  private syncWaiters: Array<() => void> = [];

  constructor(private readonly opts: WatchCacheOptions<T, E>) {}

  get state(): CacheState {
    return this._state;
  }

  /** The last failure while not synced. */
  get failure(): KubeFailure | undefined {
    return this._failure;
  }

  get size(): number {
    return this.objects.size;
  }

  /** whether something started this cache (an unstarted one is not a watch that is down) */
  get isStarted(): boolean {
    return this.started;
  }

  start(): void {
    if (!this.started) {
      this.started = true;
      void this.relist();
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.abort?.abort();
    this.wakeWaiters();
  }

  list(): E[] {
    return [...this.objects.values()];
  }

  get(namespace: string, name: string): E | undefined {
    return this.objects.get(`${namespace}/${name}`);
  }

  /** Resolves when the cache is synced or has failed, or after timeoutMs. */
  async settle(timeoutMs: number): Promise<CacheState> {
    this.start();
    if (this._state !== 'starting') {
      return this._state;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.syncWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this._state;
  }

  private wakeWaiters(): void {
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    waiters.forEach((w) => w());
  }

  private setState(state: CacheState, failure?: KubeFailure): void {
    this._state = state;
    this._failure = failure;
    this.wakeWaiters();
  }

  private async relist(): Promise<void> {
    if (this.stopped) {
      return;
    }
    try {
      const fresh = new Map<string, E>();
      const listed = this.opts.list((item) => fresh.set(key(item), this.opts.entry(item)));
      this.resourceVersion = await withTimeout(listed, `LIST ${this.opts.path}`);
      this.objects = fresh;
      this.backoffMs = MIN_BACKOFF_MS;
      await this.watch();
    } catch (err) {
      this.fail(err);
    }
  }

  private async watch(): Promise<void> {
    if (this.stopped) {
      return;
    }
    const watch = new (k8s().Watch)(this.opts.kc);
    let ended = false;
    this.abort = await watch.watch(
      this.opts.path,
      { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_TIMEOUT_SECONDS },
      (type: string, obj: T & { code?: number }) => this.apply(type, obj),
      (err: unknown) => {
        ended = true;
        this.watchEnded(err);
      }
    );
    if (this.stopped) {
      this.abort.abort(); // stopped while the API server was answering
      return;
    }
    // watch() returns once the API server answered the request: the watch is established unless it ended
    if (!ended && !this.stopped && this._state !== 'synced') {
      this.setState('synced');
    }
  }

  private apply(type: string, obj: T & { code?: number }): void {
    if (type === 'ERROR') {
      if (obj.code === 410) {
        this.resourceVersion = '';
      }
      return;
    }
    if (type === 'ADDED' || type === 'MODIFIED') {
      this.objects.set(key(obj), this.opts.entry(obj));
    } else if (type === 'DELETED') {
      this.objects.delete(key(obj));
    }
    if (obj.metadata?.resourceVersion) {
      this.resourceVersion = obj.metadata.resourceVersion;
    }
    if (type !== 'BOOKMARK') {
      this.opts.onEvent?.();
    }
  }

  private watchEnded(err: unknown): void {
    if (this.stopped) {
      return;
    }
    if (err) {
      // relist at once: its outcome (not the watch's error) says what is wrong; it retries with backoff
      logger.debug('watch ended with an error; relisting', { path: this.opts.path, error: String(err) });
      this.resourceVersion = '';
    }
    // a normal close (server timeout) resumes from the last resourceVersion; "410 Gone" relists
    const next = this.resourceVersion ? this.watch() : this.relist();
    next.catch((e) => this.fail(e));
  }

  private fail(err: unknown): void {
    if (this.stopped) {
      return;
    }
    const failure = classifyKubeError(err);
    if (this._state !== 'error' || this._failure?.message !== failure.message) {
      logger.warn('watch failed; retrying', {
        path: this.opts.path,
        error: failure.message,
        backoffMs: this.backoffMs,
      });
    }
    this.resourceVersion = '';
    this.setState('error', failure);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.relist(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }
}
