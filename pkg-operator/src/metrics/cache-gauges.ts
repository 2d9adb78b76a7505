// Gauges computed from the informer caches at scrape time (never stale). The per-function gauges are
// exported only while this replica is the leader, so a sum over replicas never double counts.
import { Gauge } from 'prom-client';

import { labelNames, OPERATOR_METRICS, PHASES, RUNTIMES } from '../../../contract';
import type { LambdaFunction } from '../api';
import { latencyTargetSeconds, phaseOf, sloObjective } from '../api';
import type { ScratchUsage } from '../sources/types';

import type { MetricsRegistry } from './operator-metrics';

export interface GaugeSources {
  isLeader(): boolean;
  functions(): readonly LambdaFunction[];
  /** namespaces of build Jobs that have started and not finished */
  activeBuildNamespaces(): string[];
  queueDepth(): number;
  scratch(): ScratchUsage;
}

type Spec = (typeof OPERATOR_METRICS)[keyof typeof OPERATOR_METRICS];

function gauge(spec: Spec, registry: MetricsRegistry, collect: (g: Gauge<string>) => void): Gauge<string> {
  return new Gauge({
    name: spec.name,
    help: spec.help,
    labelNames: labelNames(spec),
    registers: [registry],
    collect() {
      collect(this);
    },
  });
}

function leaderOnly(src: GaugeSources, g: Gauge<string>, fill: () => void): void {
  g.reset();
  if (src.isLeader()) {
    fill();
  }
}

export function registerCacheGauges(registry: MetricsRegistry, src: GaugeSources): void {
  const M = OPERATOR_METRICS;
  gauge(M.functions, registry, (g) =>
    leaderOnly(src, g, () => {
      const fns = src.functions();
      // zero-filled per namespace, so a phase that empties reads 0 instead of vanishing
      for (const namespace of new Set(fns.map((f) => f.metadata.namespace ?? ''))) {
        for (const phase of PHASES) {
          for (const runtime of RUNTIMES) {
            g.set({ namespace, phase, runtime }, 0);
          }
        }
      }
      for (const fn of fns) {
        g.inc({ namespace: fn.metadata.namespace ?? '', phase: phaseOf(fn), runtime: fn.spec.runtime.language });
      }
    })
  );
  const perFunction = (spec: Spec, value: (fn: LambdaFunction) => number, withInfo = false) =>
    gauge(spec, registry, (g) =>
      leaderOnly(src, g, () => {
        for (const fn of src.functions()) {
          const id = { function: fn.metadata.name ?? '', namespace: fn.metadata.namespace ?? '' };
          g.set(withInfo ? { ...id, runtime: fn.spec.runtime.language, phase: phaseOf(fn) } : id, value(fn));
        }
      })
    );
  perFunction(M.functionInfo, () => 1, true);
  perFunction(M.functionSloObjective, (fn) => sloObjective(fn.spec));
  perFunction(M.functionLatencyTarget, (fn) => latencyTargetSeconds(fn.spec));
  gauge(M.buildJobsActive, registry, (g) =>
    leaderOnly(src, g, () => {
      for (const namespace of src.activeBuildNamespaces()) {
        g.inc({ namespace });
      }
    })
  );
  gauge(M.leader, registry, (g) => g.set(src.isLeader() ? 1 : 0));
  gauge(M.workqueueDepth, registry, (g) => g.set(src.queueDepth()));
  gauge(M.scratchBytes, registry, (g) => g.set(src.scratch().usedBytes));
  gauge(M.scratchLimitBytes, registry, (g) => g.set(src.scratch().limitBytes));
}
