import type { FunctionListItem } from './functionRow';

export type BuildResult = 'success' | 'failed' | 'running' | 'none';

/** The last build's result from the BuildReady condition, and when it ended (or started). */
export function lastBuildOf(item: Pick<FunctionListItem, 'conditions' | 'lastBuild'>): {
  result: BuildResult;
  at?: string;
} {
  const condition = item.conditions.find((c) => c.type === 'BuildReady');
  const at = item.lastBuild?.completedAt ?? item.lastBuild?.startedAt ?? condition?.lastTransitionTime;
  if (!condition && !item.lastBuild) {
    return { result: 'none' };
  }
  if (condition?.status === 'False') {
    return { result: 'failed', at };
  }
  if (condition?.status === 'True' || item.lastBuild?.completedAt) {
    return { result: 'success', at };
  }
  return { result: 'running', at };
}
