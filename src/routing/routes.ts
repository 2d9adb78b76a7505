import { DetailTabs, PageSlugs, PLUGIN_BASE_URL, PLUGIN_ID } from '../constants';

export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

/** URL query keys that survive navigation between the list and a detail page (time, datasource, filters). */
export const PRESERVED_URL_KEYS = [
  'from',
  'to',
  'timezone',
  'refresh',
  'var-datasource',
  'var-namespace',
  'var-runtime',
  'var-phase',
  'var-state',
  'var-search',
  'sort',
] as const;

export const ROUTES = {
  functions: () => prefixRoute(PageSlugs.functions),
  functionDetail: (namespace: string, name: string, tab: DetailTabs = DetailTabs.overview) =>
    prefixRoute(`${PageSlugs.functions}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/${tab}`),
  operator: () => prefixRoute(PageSlugs.operator),
  alerts: () => prefixRoute(PageSlugs.alerts),
};

export const ROUTE_PATTERNS = {
  functions: `${PageSlugs.functions}/*`,
  functionDetail: ':namespace/:name/*',
  operator: `${PageSlugs.operator}/*`,
  alerts: `${PageSlugs.alerts}/*`,
};

/** The app's configuration page in Grafana (plugin details, config tab). */
export function configPageLocation(): string {
  return `/plugins/${PLUGIN_ID}`;
}

/** A detail URL with the given time range, as alert links use it. */
export function functionDetailWithRange(
  namespace: string,
  name: string,
  tab: DetailTabs,
  from: string,
  to = 'now'
): string {
  const params = new URLSearchParams({ from, to });
  return `${ROUTES.functionDetail(namespace, name, tab)}?${params.toString()}`;
}

/** `url` with the preserved keys (time, datasource, filters) of the current query string. */
export function withPreservedParams(url: string, currentSearch: string): string {
  const current = new URLSearchParams(currentSearch);
  const kept = new URLSearchParams();
  for (const key of PRESERVED_URL_KEYS) {
    for (const value of current.getAll(key)) {
      kept.append(key, value);
    }
  }
  const query = kept.toString();
  return query ? `${url}?${query}` : url;
}
