/**
 * Metrics the rules read but the product does not emit. They belong to well-known exporters;
 * listing them here lets the tests prove that every rule only reads metrics someone really emits.
 */
export const EXTERNAL_METRICS = {
  up: { source: 'Prometheus (scrape health of each target)' },
  rabbitmq_queue_messages: { source: 'RabbitMQ built-in Prometheus plugin (rabbitmq_prometheus), per-queue' },
  container_memory_working_set_bytes: { source: 'cAdvisor (kubelet /metrics/cadvisor)' },
  container_spec_memory_limit_bytes: { source: 'cAdvisor (kubelet /metrics/cadvisor)' },
  kube_deployment_spec_replicas: { source: 'kube-state-metrics' },
  kube_deployment_status_replicas_available: { source: 'kube-state-metrics' },
} as const;
export type ExternalMetric = keyof typeof EXTERNAL_METRICS;
