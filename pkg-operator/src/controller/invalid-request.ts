// A request the API server refused as wrong in itself (kube/errors isInvalid: e.g. a server-side apply whose
// object does not fit the installed CRD's schema). Sending it again cannot help, so the function is Failed
// with the API server's own message until its spec (or the cluster) changes, instead of retrying in a loop.
import type { OperatorErrorComponent, OperatorErrorType } from '../../../contract';
import { errorMessage } from '../kube/errors';

import { announce, warning } from './announce';
import type { Pass, ReconcileDeps } from './context';
import { REASONS } from './reasons';
import { storedCondition } from './status-draft';

interface Attribution {
  component: OperatorErrorComponent;
  errorType: OperatorErrorType;
}
const ATTRIBUTION = Symbol('refused request attribution');
/** A refusal no step claimed is the reconcile's own. */
const UNATTRIBUTED: Attribution = { component: 'reconcile', errorType: 'api_error' };

/** Marks `err` as the failure of `component`, so a refusal is counted under the step that made the request. */
export function attributeTo<E>(err: E, component: OperatorErrorComponent, errorType: OperatorErrorType): E {
  if (err instanceof Object) {
    Object.assign(err, { [ATTRIBUTION]: { component, errorType } });
  }
  return err;
}

function attributionOf(err: unknown): Attribution {
  return (err instanceof Object && (err as { [ATTRIBUTION]?: Attribution })[ATTRIBUTION]) || UNATTRIBUTED;
}

export function recordInvalidRequest(deps: ReconcileDeps, pass: Pass, err: unknown): void {
  const message = `the API server refused the operator's request as invalid: ${errorMessage(err)}`;
  const before = storedCondition(pass.fn, 'Ready');
  pass.draft.phase = 'Failed';
  pass.draft.setCondition('Ready', 'False', REASONS.invalidRequest, message);
  if (before?.reason !== REASONS.invalidRequest || before.message !== message) {
    const { component, errorType } = attributionOf(err);
    pass.effects.push(() => deps.metrics.error(component, errorType));
    announce(deps, pass, warning(REASONS.invalidRequest, 'Reconcile', message));
  }
}
