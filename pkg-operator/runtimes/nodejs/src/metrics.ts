import { Counter, Gauge, Histogram, Registry, type Metric, type RegistryContentType } from 'prom-client';

import {
  FUNCTION_ERROR_TYPES,
  FUNCTION_METRICS,
  INVOCATION_STATUSES,
  labelNames,
  type FunctionErrorType,
  type InvocationStatus,
  type MetricSpec,
} from '../../../../contract';

export interface Identity {
  function: string;
  namespace: string;
  runtime: string;
}

export interface Exposition {
  contentType: string;
  body: string;
}

export interface FunctionMetrics {
  /** Exactly one call per invocation, whatever its outcome. */
  recordInvocation(
    status: InvocationStatus,
    errorType: FunctionErrorType | undefined,
    seconds: number,
    traceId?: string
  ): void;
  recordInit(seconds: number): void;
  invocationStarted(): void;
  invocationFinished(): void;
  /** OpenMetrics (with trace_id exemplars) when the Accept header asks for it, else Prometheus text 0.0.4. */
  expose(accept: string | undefined): Promise<Exposition>;
}

const common = (spec: MetricSpec) => ({
  name: spec.name,
  help: spec.help,
  labelNames: labelNames(spec),
  registers: [],
});

/**
 * The metric objects live in no registry of their own: each of the two registries holds a prototype-linked view of
 * them, because prom-client renames counters in place while rendering OpenMetrics (drops `_total` from the family).
 */
function registryOf(contentType: RegistryContentType, metrics: Metric[]): Registry<RegistryContentType> {
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(contentType);
  for (const metric of metrics) {
    registry.registerMetric(Object.create(metric));
  }
  return registry;
}

export function createFunctionMetrics(identity: Identity): FunctionMetrics {
  let inFlightNow = 0;
  let servedFirstInvocation = false;
  const invocations = new Counter(common(FUNCTION_METRICS.invocations));
  const errors = new Counter(common(FUNCTION_METRICS.errors));
  const coldStarts = new Counter(common(FUNCTION_METRICS.coldStarts));
  const duration = new Histogram({
    ...common(FUNCTION_METRICS.duration),
    buckets: [...FUNCTION_METRICS.duration.buckets],
    enableExemplars: true,
  });
  const initDuration = new Histogram({
    ...common(FUNCTION_METRICS.initDuration),
    buckets: [...FUNCTION_METRICS.initDuration.buckets],
  });
  const inFlight: Gauge = new Gauge({
    ...common(FUNCTION_METRICS.inFlight),
    collect: () => inFlight.set({ ...identity }, inFlightNow),
  });

  for (const status of INVOCATION_STATUSES) {
    invocations.inc({ ...identity, status }, 0);
  }
  for (const errorType of Object.keys(FUNCTION_ERROR_TYPES)) {
    errors.inc({ ...identity, error_type: errorType }, 0);
  }
  coldStarts.inc({ ...identity }, 0);

  const all = [invocations, errors, duration, coldStarts, initDuration, inFlight];
  const text = registryOf(Registry.PROMETHEUS_CONTENT_TYPE, all);
  const openMetrics = registryOf(Registry.OPENMETRICS_CONTENT_TYPE, all);

  return {
    recordInvocation(status, errorType, seconds, traceId) {
      if (!servedFirstInvocation) {
        servedFirstInvocation = true;
        coldStarts.inc({ ...identity });
      }
      invocations.inc({ ...identity, status });
      if (errorType) {
        errors.inc({ ...identity, error_type: errorType });
      }
      duration.observe({
        labels: { ...identity },
        value: seconds,
        exemplarLabels: traceId ? { trace_id: traceId } : {},
      });
    },
    recordInit(seconds) {
      initDuration.observe({ ...identity }, seconds);
    },
    invocationStarted() {
      inFlightNow += 1;
    },
    invocationFinished() {
      inFlightNow -= 1;
    },
    async expose(accept) {
      const registry = accept?.includes('application/openmetrics-text') ? openMetrics : text;
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
