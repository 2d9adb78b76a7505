import { config } from '@grafana/runtime';

/** Uids of the Prometheus datasources Grafana knows. */
export function prometheusDatasourceUids(): string[] {
  return Object.values(config.datasources)
    .filter((ds) => ds.type === 'prometheus')
    .map((ds) => ds.uid);
}
