import type { FunctionRow } from './functionRow';
import { FUNCTION_STATES } from './functionState';

export const SORT_KEYS = [
  'problems',
  'name',
  'namespace',
  'runtime',
  'phase',
  'state',
  'rate',
  'errors',
  'p95',
  'coldStarts',
  'budget',
  'alerts',
  'build',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SortSpec {
  key: SortKey;
  desc: boolean;
}

/** `budget` / `-budget` in the URL. */
export function parseSort(text: string | undefined): SortSpec {
  const desc = Boolean(text?.startsWith('-'));
  const key = (desc ? text!.slice(1) : text) as SortKey;
  return SORT_KEYS.includes(key) ? { key, desc } : { key: 'problems', desc: false };
}

export function formatSort(sort: SortSpec): string {
  return `${sort.desc ? '-' : ''}${sort.key}`;
}

type Value = string | number | undefined;

const VALUE_OF: Record<Exclude<SortKey, 'problems'>, (r: FunctionRow) => Value> = {
  name: (r) => r.name,
  namespace: (r) => r.namespace,
  runtime: (r) => r.runtime,
  phase: (r) => r.phase,
  state: (r) => FUNCTION_STATES.indexOf(r.verdict.state),
  rate: (r) => r.metrics.invocationRate,
  errors: (r) => r.metrics.errorRatio,
  p95: (r) => r.metrics.p95Seconds,
  coldStarts: (r) => r.metrics.coldStartRatio,
  budget: (r) => r.metrics.budgetRemaining,
  alerts: (r) => r.metrics.firing.length,
  build: (r) => r.lastBuild?.completedAt ?? r.lastBuild?.startedAt,
};

/** Missing values sort last whatever the direction. */
function compareValues(a: Value, b: Value, desc: boolean): number {
  if (a === undefined || b === undefined) {
    return a === b ? 0 : a === undefined ? 1 : -1;
  }
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return desc ? -order : order;
}

/** Firing alerts first, then by state severity, then lowest budget, then name. */
function compareProblems(a: FunctionRow, b: FunctionRow): number {
  return (
    b.metrics.firing.length - a.metrics.firing.length ||
    compareValues(VALUE_OF.state(a), VALUE_OF.state(b), false) ||
    compareValues(a.metrics.budgetRemaining, b.metrics.budgetRemaining, false) ||
    `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`)
  );
}

export function sortRows(rows: FunctionRow[], sort: SortSpec): FunctionRow[] {
  const copy = [...rows];
  if (sort.key === 'problems') {
    return copy.sort(compareProblems);
  }
  const valueOf = VALUE_OF[sort.key];
  return copy.sort((a, b) => compareValues(valueOf(a), valueOf(b), sort.desc) || compareProblems(a, b));
}
