// List+watch with client-node's informer, restarted after any failure (a reset connection or a failed list stops
// client-node's informer), delivering every add/update/delete to one handler.
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { makeInformer } from '@kubernetes/client-node';

export type WatchEvent = 'add' | 'update' | 'delete';

export interface Watch {
  stop(): Promise<void>;
}

export function watchResource<T extends KubernetesObject>(
  kc: KubeConfig,
  path: string,
  list: () => Promise<KubernetesListObject<T>>,
  onEvent: (event: WatchEvent, obj: T) => void,
  log: (line: string) => void,
  labelSelector?: string
): Watch {
  const informer = makeInformer<T>(kc, path, list, labelSelector);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delayMs = 1000;
  informer.on('add', (obj) => onEvent('add', obj));
  informer.on('update', (obj) => onEvent('update', obj));
  informer.on('delete', (obj) => onEvent('delete', obj));
  informer.on('connect', () => (delayMs = 1000));
  informer.on('error', (err: unknown) => {
    if (stopped) {
      return;
    }
    // e.g. a CRD not installed (404): retried with backoff, as a controller would
    log(`watch ${path} failed (${err instanceof Error ? err.message : String(err)}); retrying in ${delayMs / 1000} s`);
    timer = setTimeout(() => void informer.start().catch(() => undefined), delayMs);
    delayMs = Math.min(delayMs * 2, 30_000);
  });
  void informer.start().catch(() => undefined);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await informer.stop();
    },
  };
}

/** Runs one reconcile per key at a time; an event during a run schedules exactly one more run afterwards. */
export class KeyedRunner {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly reconcile: (key: string) => Promise<void>,
    private readonly log: (line: string) => void
  ) {}

  trigger(key: string): void {
    if (this.stopped) {
      return;
    }
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    const run = (async () => {
      try {
        await this.reconcile(key);
      } catch (err) {
        this.log(`${key}: ${err instanceof Error ? err.message : String(err)}`);
      }
    })().finally(() => {
      this.running.delete(key);
      if (this.again.delete(key)) {
        this.trigger(key);
      }
    });
    this.running.set(key, run);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running.values());
  }
}

export const keyOf = (obj: KubernetesObject) => `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;

/** the objects' latest versions by key, each change reconciled by key (one run at a time per key) */
export function reconcileLatest<T extends KubernetesObject>(
  latest: Map<string, T>,
  runner: KeyedRunner
): (event: WatchEvent, obj: T) => void {
  return (event, obj) => {
    const key = keyOf(obj);
    if (event === 'delete') {
      latest.delete(key);
    } else {
      latest.set(key, obj);
    }
    runner.trigger(key);
  };
}
