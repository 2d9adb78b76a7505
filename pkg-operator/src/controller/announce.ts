// The Kubernetes Events the operator records about a function: the transitions a user cares about. Each is
// an effect of the pass, so it is recorded once, after the status noting the transition has been written.
import type { FunctionEvent } from '../events/event-recorder';

import type { Pass, ReconcileDeps } from './context';
import { REASONS } from './reasons';

export const EVENT_REASONS = {
  buildStarted: REASONS.buildStarted,
  buildSucceeded: REASONS.buildSucceeded,
  deployed: 'Deployed',
  ready: REASONS.ready,
  deleted: 'Deleted',
} as const;

export function announce(deps: ReconcileDeps, pass: Pass, event: FunctionEvent): void {
  pass.effects.push(() => deps.events.record(pass.fn, event));
}

export const normal = (reason: string, action: string, note: string): FunctionEvent => ({
  type: 'Normal',
  reason,
  action,
  note,
});

export const warning = (reason: string, action: string, note: string): FunctionEvent => ({
  type: 'Warning',
  reason,
  action,
  note,
});
