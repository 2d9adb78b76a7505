// A request the API server refused as wrong in itself (kube/errors isInvalid: e.g. a server-side apply whose
// object does not fit the installed CRD's schema). Sending it again cannot help, so the function is Failed
// with the API server's own message until its spec (or the cluster) changes, instead of retrying in a loop.
import { errorMessage } from '../kube/errors';

import { announce, warning } from './announce';
import type { Pass, ReconcileDeps } from './context';
import { REASONS } from './reasons';
import { storedCondition } from './status-draft';

export function recordInvalidRequest(deps: ReconcileDeps, pass: Pass, err: unknown): void {
  const message = `the API server refused the operator's request as invalid: ${errorMessage(err)}`;
  const before = storedCondition(pass.fn, 'Ready');
  pass.draft.phase = 'Failed';
  pass.draft.setCondition('Ready', 'False', REASONS.invalidRequest, message);
  if (before?.reason !== REASONS.invalidRequest || before.message !== message) {
    pass.effects.push(() => deps.metrics.error('reconcile', 'api_error'));
    announce(deps, pass, warning(REASONS.invalidRequest, 'Reconcile', message));
  }
}
