import { OPERATOR_METRICS } from '../../contract';
import type { RulesConfig } from '../config';
import type { AlertRule } from '../model';
import { by, selector } from '../promql';
import { FUNCTION_ID } from '../recorded';

/** Alerts on metrics of the platform the functions run on (RabbitMQ, cAdvisor), joined to functions. */
export function platformAlerts(config: RulesConfig): AlertRule[] {
  const { functionContainer } = config.selectors;
  const container = { container: functionContainer };
  const dlqQueues = selector('rabbitmq_queue_messages', { 'queue=~': config.dlq.queueRegex });
  const withNamespace = `label_replace(${dlqQueues}, "namespace", "$1", "queue", \`([^.]+)\\..+-dlq\`)`;
  const withFunction = `label_replace(${withNamespace}, "function", "$1", "queue", \`[^.]+\\.(.+)-dlq\`)`;
  const memoryRatio = `${selector('container_memory_working_set_bytes', container)}\n  / on (namespace, pod, container)\n  (${selector('container_spec_memory_limit_bytes', container)} > 0)`;
  const perFunction = `max ${by(FUNCTION_ID)} (\n  label_replace(\n  ${memoryRatio},\n  "function", "$1", "pod", "(.+)-[0-9]{5}-deployment-.+")\n)`;
  return [
    {
      alert: 'KnativeLambdaDLQAccumulating',
      expr: `sum by (namespace, function, queue) (\n  ${withFunction}\n) > ${config.dlq.threshold}`,
      for: config.dlq.for,
      severity: 'warning',
      summary: "Events are piling up in a function's dead-letter queue.",
      description: `Dead-letter queue {{ $labels.queue }} of {{ $labels.namespace }}/{{ $labels.function }} holds {{ $value }} messages (threshold ${config.dlq.threshold}).`,
      runbook: {
        meaning: `The RabbitMQ queue that collects events the function could not process after all retries holds more than ${config.dlq.threshold} messages for ${config.dlq.for}. The operator names each dead-letter queue \`<namespace>.<function>-dlq\`, so the alert recovers both from the queue name.`,
        confirm: `rabbitmq_queue_messages{queue=~"${config.dlq.queueRegex}"}`,
        causes: ['the function fails for a class of events', 'the function was down for longer than the retry window'],
        actions: [
          'Check the function error rate and its errors by type.',
          'Inspect a few dead-lettered messages in the RabbitMQ management UI before replaying or purging them.',
        ],
      },
    },
    {
      alert: 'KnativeLambdaPodMemoryHigh',
      expr: `${perFunction}\n* on (${FUNCTION_ID.join(', ')}) group_left (runtime)\nmax ${by([...FUNCTION_ID, 'runtime'])} (${OPERATOR_METRICS.functionInfo.name})\n> ${config.podMemory.threshold}`,
      for: config.podMemory.for,
      severity: 'warning',
      summary: 'A function container is close to its memory limit.',
      description: `A pod of {{ $labels.namespace }}/{{ $labels.function }} ({{ $labels.runtime }}) uses {{ $value | humanizePercentage }} of its memory limit.`,
      runbook: {
        meaning: `The working set of a function's \`${functionContainer}\` container exceeded ${config.podMemory.threshold * 100}% of its memory limit for ${config.podMemory.for}. Knative names revision pods \`<function>-<5-digit revision>-deployment-…\`; the rule recovers the function from the pod name and takes the runtime from \`${OPERATOR_METRICS.functionInfo.name}\`, so only LambdaFunctions match. Containers without a memory limit are ignored.`,
        confirm: `container_memory_working_set_bytes{namespace="<ns>", pod=~"<name>-.*", container="${functionContainer}"}`,
        causes: ['a memory leak in the handler', 'a limit too low for the runtime', 'large payloads'],
        actions: [
          'Raise spec.resources.limits.memory or lower containerConcurrency.',
          'Look for OOMKilled restarts of the revision pods.',
        ],
      },
    },
  ];
}
