// A @kubernetes/client-node informer (list + watch, no periodic resync) that keeps itself alive: client-node
// re-lists by itself when a watch answers 410 Gone, but stops on any other error; this restarts it after a
// backoff, resuming from the last resourceVersion (which re-lists if that is too old).
import type {
  Informer,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  ObjectCache,
} from '@kubernetes/client-node';
import { makeInformer } from '@kubernetes/client-node';

import type { ObjectList } from '../kube/gateway';
import { ItemBackoff } from '../queue/backoff';

export type ChangeHandler<T> = (obj: T, kind: 'add' | 'update' | 'delete') => void;

export interface InformerOptions<T> {
  name: string;
  path: string;
  list: () => Promise<ObjectList<T>>;
  labelSelector?: string;
  onChange: ChangeHandler<T>;
  log?: (msg: string) => void;
}

export interface ObjectStore<T> {
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): readonly T[];
}

/** anything with Kubernetes object metadata; the cache stores objects as the API returns them */
export type CachedObject = { metadata?: object };

export class ResilientInformer<T extends CachedObject> implements ObjectStore<T> {
  private readonly informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
  private readonly backoff = new ItemBackoff({ baseMs: 200, maxMs: 5_000 });
  private stopped = false;
  private hasListed = false;
  private restartTimer?: NodeJS.Timeout;
  /** times the informer restarted after an error */
  restarts = 0;

  constructor(
    kc: KubeConfig,
    private readonly opts: InformerOptions<T>
  ) {
    const list = async () => {
      const result = await opts.list();
      this.hasListed = true;
      this.backoff.forget(opts.name);
      return result as unknown as KubernetesListObject<KubernetesObject>;
    };
    this.informer = makeInformer<KubernetesObject>(kc, opts.path, list, opts.labelSelector);
    const slim = (obj: KubernetesObject) => {
      this.backoff.forget(opts.name); // events flow again: the next failure starts from the shortest delay
      // managedFields are a large share of every object and nothing here reads them
      delete obj.metadata?.managedFields;
      return obj as unknown as T;
    };
    this.informer.on('add', (obj) => opts.onChange(slim(obj), 'add'));
    this.informer.on('update', (obj) => opts.onChange(slim(obj), 'update'));
    this.informer.on('delete', (obj) => opts.onChange(obj as unknown as T, 'delete'));
    this.informer.on('error', (err) => this.restartLater(err));
  }

  /** true once the first list has completed */
  get synced(): boolean {
    return this.hasListed;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.informer.stop();
  }

  get(name: string, namespace?: string): T | undefined {
    return this.informer.get(name, namespace) as T | undefined;
  }

  list(namespace?: string): readonly T[] {
    return this.informer.list(namespace) as unknown as readonly T[];
  }

  private restartLater(err: unknown): void {
    if (this.stopped) {
      return;
    }
    const delay = this.backoff.next(this.opts.name);
    this.opts.log?.(`informer ${this.opts.name}: ${String((err as Error)?.message ?? err)}; restarting in ${delay} ms`);
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (!this.stopped) {
        this.restarts++;
        this.informer.start().catch((e: unknown) => this.restartLater(e));
      }
    }, delay);
  }
}
