// Functions run only in namespaces that opted in (namespace-opt-in.ts). Elsewhere the operator writes nothing
// but the function's own status, which says how to opt in; a 403 in a namespace that carries the label but
// lacks the RoleBinding ends up in the same condition.
import type { LambdaFunction } from '../api';
import { errorMessage } from '../kube/errors';
import { isNamespaceEnabled, NAMESPACE_ENABLED_LABEL, optInInstructions } from '../kube/namespace-opt-in';

import type { ReconcileDeps } from './context';
import { REASONS } from './reasons';
import { StatusDraft } from './status-draft';

export const namespaceEnabled = (deps: ReconcileDeps, fn: LambdaFunction): boolean =>
  isNamespaceEnabled(deps.namespaces.get(fn.metadata.namespace ?? ''));

function howToOptIn(deps: ReconcileDeps, fn: LambdaFunction): string {
  return `opt the namespace in: ${optInInstructions(fn.metadata.namespace ?? '', deps.settings.operatorAccount)}`;
}

/** the status of a function whose namespace has not opted in (nothing else is written) */
export async function recordNamespaceNotEnabled(deps: ReconcileDeps, fn: LambdaFunction): Promise<void> {
  const draft = new StatusDraft(fn);
  draft.phase = 'Pending';
  const message = `namespace ${fn.metadata.namespace} is not enabled for functions (no ${NAMESPACE_ENABLED_LABEL}=true label); ${howToOptIn(deps, fn)}`;
  draft.setCondition('Ready', 'False', REASONS.namespaceNotEnabled, message);
  if (draft.changed) {
    await deps.kube.writeStatus(fn, draft.status);
  }
}

/** a write the API server refused: the namespace carries the label but not the RoleBinding */
export function recordForbidden(deps: ReconcileDeps, draft: StatusDraft, fn: LambdaFunction, err: unknown): void {
  draft.phase = 'Pending';
  draft.setCondition(
    'Ready',
    'False',
    REASONS.namespaceNotEnabled,
    `the API server refused the operator's write in namespace ${fn.metadata.namespace} (${errorMessage(err)}); ${howToOptIn(deps, fn)}`
  );
}
