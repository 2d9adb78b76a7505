import type { FunctionSummary } from '../../backend/api/types';

import type { FunctionMetrics } from './functionMetrics';
import type { StateVerdict } from './functionState';
import type { GuardState } from './lowTrafficGuard';

/** What a row needs from the function list, whether it came from the backend or from Prometheus. */
export type FunctionListItem = Pick<
  FunctionSummary,
  'namespace' | 'name' | 'phase' | 'conditions' | 'ready' | 'slo' | 'lastBuild' | 'url'
> & { runtime: string };

export interface FunctionRow extends FunctionListItem {
  metrics: FunctionMetrics;
  verdict: StateVerdict;
  guard?: GuardState;
}

export function listItemFromSummary(s: FunctionSummary): FunctionListItem {
  return {
    namespace: s.namespace,
    name: s.name,
    phase: s.phase,
    conditions: s.conditions,
    ready: s.ready,
    slo: s.slo,
    lastBuild: s.lastBuild,
    url: s.url,
    runtime: String(s.runtime.language),
  };
}
