// Bounded concurrency over a WorkQueue: `concurrency` workers take keys until the queue shuts down. The
// returned promise settles when every worker has finished its in-flight key (graceful drain).
import type { WorkQueue } from './work-queue';

export type KeyHandler = (key: string) => Promise<void>;

export function runWorkers(queue: WorkQueue, concurrency: number, handle: KeyHandler): Promise<void> {
  const worker = async (): Promise<void> => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      try {
        await handle(key);
      } finally {
        queue.done(key);
      }
    }
  };
  return Promise.all(Array.from({ length: concurrency }, worker)).then(() => undefined);
}
