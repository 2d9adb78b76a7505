/** The query objects the Prometheus datasource takes (a subset of its PromQuery). */
export interface PromQuery {
  refId: string;
  expr: string;
  instant?: boolean;
  range?: boolean;
  format?: 'table' | 'time_series' | 'heatmap';
  legendFormat?: string;
  exemplar?: boolean;
  interval?: string;
}

export function instantQuery(refId: string, expr: string): PromQuery {
  return { refId, expr, instant: true, range: false, format: 'table' };
}

export function rangeQuery(refId: string, expr: string, legendFormat = '', exemplar = false): PromQuery {
  return { refId, expr, instant: false, range: true, format: 'time_series', legendFormat, exemplar };
}

/** Tags a series with `series="<tag>"` so several expressions can share one query, joined by `or`. */
export function tagged(tag: string, expr: string): string {
  return `label_replace(${expr}, "series", "${tag}", "", "")`;
}

export function taggedUnion(parts: Record<string, string>): string {
  return Object.entries(parts)
    .map(([tag, expr]) => tagged(tag, expr))
    .join('\nor\n');
}

/** Escapes a literal for use inside a `=~` regex matcher (the matcher's own quoting is done by selector()). */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
