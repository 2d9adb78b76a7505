// The operator's event metrics (counters and histograms), named and labelled only from the contract.
// One OpenMetrics registry holds everything, because exemplars need it; /metrics renders plain Prometheus
// text from the same registry for scrapers that do not ask for OpenMetrics.
import type { OpenMetricsContentType } from 'prom-client';
import { Counter, Histogram, Registry } from 'prom-client';

import type {
  BuildResult,
  OperatorErrorComponent,
  OperatorErrorType,
  Phase,
  ReconcileResult,
  Runtime,
} from '../../../contract';
import { labelNames, OPERATOR_METRICS } from '../../../contract';

type Spec = (typeof OPERATOR_METRICS)[keyof typeof OPERATOR_METRICS];

export type MetricsRegistry = Registry<OpenMetricsContentType>;

export function openMetricsRegistry(): MetricsRegistry {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

export function counterFrom(spec: Spec, registry: MetricsRegistry): Counter<string> {
  return new Counter({ name: spec.name, help: spec.help, labelNames: labelNames(spec), registers: [registry] });
}

export function histogramFrom(
  spec: Spec & { buckets: readonly number[] },
  registry: MetricsRegistry,
  exemplars = false
) {
  return new Histogram({
    name: spec.name,
    help: spec.help,
    labelNames: labelNames(spec),
    buckets: [...spec.buckets],
    registers: [registry],
    enableExemplars: exemplars,
  });
}

export class OperatorMetrics {
  readonly registry = openMetricsRegistry();
  private readonly reconcileTotal = counterFrom(OPERATOR_METRICS.reconcileTotal, this.registry);
  private readonly reconcileDuration = histogramFrom(OPERATOR_METRICS.reconcileDuration, this.registry, true);
  private readonly buildDuration = histogramFrom(OPERATOR_METRICS.buildDuration, this.registry);
  private readonly errorsTotal = counterFrom(OPERATOR_METRICS.errors, this.registry);
  private readonly workqueueLatency = histogramFrom(OPERATOR_METRICS.workqueueLatency, this.registry);

  /** exactly one call per reconcile; phase is the function's phase when the reconcile started */
  reconciled(phase: Phase, result: ReconcileResult, seconds: number, traceId?: string): void {
    this.reconcileTotal.inc({ phase, result });
    const exemplarLabels = traceId ? { trace_id: traceId } : {};
    this.reconcileDuration.observe({ labels: { phase }, value: seconds, exemplarLabels });
  }

  buildFinished(runtime: Runtime, result: BuildResult, seconds: number): void {
    this.buildDuration.observe({ runtime, result }, seconds);
  }

  error(component: OperatorErrorComponent, errorType: OperatorErrorType): void {
    this.errorsTotal.inc({ component, error_type: errorType });
  }

  queueWaited(seconds: number): void {
    this.workqueueLatency.observe(seconds);
  }
}
