// Waits until the operator has nothing left to do: no key queued or in flight, and no reconcile started for
// quietMs (longer than the test operator's 2 s maximum backoff, so a key waiting out a retry would show).
import type { LambdaController } from '../../src/controller/controller';

import { eventually } from './wait';

/** resolves with the number of reconciles the controller handled once it has been quiet for quietMs */
export async function quiescentReconciles(
  controller: LambdaController,
  quietMs: number,
  timeoutMs: number
): Promise<number> {
  let last = { handled: controller.reconcilesHandled, since: Date.now() };
  return eventually(
    `no queued or in-flight key and no reconcile for ${quietMs} ms`,
    () => {
      const handled = controller.reconcilesHandled;
      const busy = controller.queueDepth() > 0 || controller.keysInFlight() > 0;
      if (busy || handled !== last.handled) {
        last = { handled, since: Date.now() };
        return undefined;
      }
      return Date.now() - last.since >= quietMs ? handled : undefined;
    },
    timeoutMs
  );
}
