// The one rule for a function's phase, shared by the operator's gauges and reconcile counter, the backend's
// API and the pages: a function being deleted is Deleting; one the operator has not written a status for yet
// is Pending (it is queued, not in an unknown state: the operator reconciles every function it sees).
import type { Phase } from '../../../contract';

import type { LambdaFunction } from './lambda-function';

type PhaseInput = Pick<LambdaFunction, 'status'> & { metadata?: Pick<LambdaFunction['metadata'], 'deletionTimestamp'> };

export function phaseOf(fn: PhaseInput): Phase {
  return fn.metadata?.deletionTimestamp ? 'Deleting' : (fn.status?.phase ?? 'Pending');
}
