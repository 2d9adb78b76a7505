/** Every panel and variable queries the Prometheus the `datasource` variable picks. */
export const DATASOURCE_VARIABLE = 'datasource';
export const PROMETHEUS_REF = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };
/** Grafana's interval macro: at least four scrape intervals of the datasource (its `timeInterval`). */
export const RATE_INTERVAL_MACRO = '$__rate_interval';
