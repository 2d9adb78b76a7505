// The backend's own metrics, names and labels from the contract only (no default process metrics: every
// name the product emits is in the contract). Exposed through CollectMetrics.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { BackendRoute } from '../../contract';
import { BACKEND_METRICS, labelNames } from '../../contract';

export interface WatchStateSource {
  /** resource label value → whether every cache of it is synced */
  watchStates(): Map<string, boolean>;
}

export class BackendMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<string>;
  private readonly duration: Histogram<string>;
  private readonly watchEvents: Counter<string>;

  constructor(watches: WatchStateSource) {
    const { requests, requestDuration, watchUp, watchEvents } = BACKEND_METRICS;
    this.requests = new Counter({
      name: requests.name,
      help: requests.help,
      labelNames: labelNames(requests),
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: requestDuration.name,
      help: requestDuration.help,
      labelNames: labelNames(requestDuration),
      buckets: [...requestDuration.buckets],
      registers: [this.registry],
    });
    this.watchEvents = new Counter({
      name: watchEvents.name,
      help: watchEvents.help,
      labelNames: labelNames(watchEvents),
      registers: [this.registry],
    });
    new Gauge({
      name: watchUp.name,
      help: watchUp.help,
      labelNames: labelNames(watchUp),
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [resource, up] of watches.watchStates()) {
          this.set({ resource }, up ? 1 : 0);
        }
      },
    });
  }

  observeRequest(route: BackendRoute, code: number, seconds: number): void {
    this.requests.inc({ route, code: String(code) });
    this.duration.observe({ route }, seconds);
  }

  watchEvent(resource: string): void {
    this.watchEvents.inc({ resource });
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
