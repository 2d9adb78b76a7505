// A second writer on the LambdaFunctions (as admin, straight to the API server): it merge-patches a label and
// an annotation of every function in turn, as fast as the API server answers, so the operator's writes guarded by
// resourceVersion (finalizer patch, status update) meet real optimistic-concurrency 409s.
import type { CustomObjectsApi } from '@kubernetes/client-node';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import { RESOURCES } from '../../src/kube/resources';

const LF = RESOURCES.lambdaFunction;
const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
export const TOUCH_LABEL = 'test.lambda.knative.io/touch';
export const TOUCH_ANNOTATION = 'test.lambda.knative.io/touched-at';

export interface ConcurrentWriter {
  /** stops after the round in flight; resolves with the patches made, and the touch value each function last got */
  stop(): Promise<{ patches: number; lastTouch: Map<string, string> }>;
}

export function startConcurrentWriter(custom: CustomObjectsApi, namespace: string, names: string[]): ConcurrentWriter {
  const lastTouch = new Map<string, string>();
  let patches = 0;
  let stopped = false;
  const loop = async () => {
    for (let round = 0; !stopped; round++) {
      for (const name of names) {
        const touch = String(round);
        await custom.patchNamespacedCustomObject(
          {
            group: LF.group,
            version: LF.version,
            plural: LF.plural,
            namespace,
            name,
            body: { metadata: { labels: { [TOUCH_LABEL]: touch }, annotations: { [TOUCH_ANNOTATION]: touch } } },
          },
          MERGE
        );
        lastTouch.set(name, touch);
        patches++;
      }
    }
  };
  const running = loop();
  running.catch(() => undefined); // surfaced by stop()
  return {
    async stop() {
      stopped = true;
      await running;
      return { patches, lastTouch };
    },
  };
}
