import type { FunctionRow } from './functionRow';

export interface RowFilters {
  /** empty = all */
  namespaces: string[];
  runtimes: string[];
  phases: string[];
  states: string[];
  search: string;
}

const ALL = '$__all';

/** A multi-value variable's value as a filter list: All (or nothing) means no filter. */
export function filterValues(value: unknown): string[] {
  const values = (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== '');
  return values.includes(ALL) ? [] : values;
}

function allows(list: string[], value: string): boolean {
  return list.length === 0 || list.includes(value);
}

export function filterRows(rows: FunctionRow[], f: RowFilters): FunctionRow[] {
  const needle = f.search.trim().toLowerCase();
  return rows.filter(
    (r) =>
      allows(f.namespaces, r.namespace) &&
      allows(f.runtimes, r.runtime) &&
      allows(f.phases, r.phase) &&
      allows(f.states, r.verdict.state) &&
      (needle === '' || `${r.namespace}/${r.name}`.toLowerCase().includes(needle))
  );
}
