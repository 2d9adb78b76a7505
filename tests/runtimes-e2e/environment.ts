// The e2e world: nine function processes (three runtimes × flaky, slow, sometimesTimeout), a function whose
// metrics record nothing, a Ready function with no reachable pod, the operator's metrics endpoint listing them all,
// and Prometheus scraping everything with the shipped rules (alert `for:` shortened, see rules-copy.ts). Starting it
// also drives the known traffic and waits until Prometheus has scraped all of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FUNCTION_METRICS, RUNTIMES, type Runtime } from '../../contract';
import { startPrometheus, type Prometheus } from '../../local/prometheus';
import { DEMO_HANDLERS, type DemoBehaviour } from '../../pkg-operator/runtimes/launch/demo-handlers';
import {
  RuntimeLauncher,
  freeLoopbackPort,
  type RunningRuntime,
} from '../../pkg-operator/runtimes/launch/start-runtime';
import { generateTraffic, type TrafficSummary } from '../../pkg-operator/runtimes/traffic/generate';

import { startBrokenMetricsFunction } from './broken-function';
import { startOperatorMetricsEndpoint } from './operator-metrics-endpoint';
import { rulesWithShortFor } from './rules-copy';

export const NAMESPACE = 'e2e';
export const FUNCTIONS_JOB = 'knative-lambda-functions';
export const BEHAVIOURS: DemoBehaviour[] = ['flaky', 'slow', 'sometimesTimeout'];
export const TRAFFIC = { ratePerSecond: 10, count: 60 };

export const functionName = (runtime: Runtime, behaviour: DemoBehaviour) => `${runtime}-${behaviour.toLowerCase()}`;

export interface E2eEnvironment {
  prometheus: Prometheus;
  /** The nine demo functions by name. */
  running: Map<string, RunningRuntime>;
  /** What the generator sent to each function (and to `broken-metrics`) and how each request ended. */
  traffic: TrafficSummary;
  stop(): Promise<void>;
}

export async function startEnvironment(): Promise<E2eEnvironment> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) {
      await step();
    }
  };
  try {
    const workDir = mkdtempSync(join(tmpdir(), 'kl-runtimes-e2e-'));
    stops.push(async () => rmSync(workDir, { recursive: true, force: true }));
    const launcher = new RuntimeLauncher();
    stops.push(() => launcher.stopAll());
    const running = new Map<string, RunningRuntime>();
    for (const runtime of RUNTIMES) {
      for (const behaviour of BEHAVIOURS) {
        const fn = await launcher.start({
          runtime,
          functionName: functionName(runtime, behaviour),
          namespace: NAMESPACE,
          handler: DEMO_HANDLERS[behaviour][runtime],
          timeoutSeconds: 2,
        });
        running.set(fn.spec.functionName, fn);
      }
    }
    const broken = await startBrokenMetricsFunction();
    stops.push(() => broken.stop());
    const unscrapedPort = await freeLoopbackPort();
    const listed = [
      ...[...running.values()].map((fn) => ({ function: fn.spec.functionName, runtime: fn.spec.runtime })),
      { function: 'broken-metrics', runtime: 'nodejs' as const },
      { function: 'unscraped', runtime: 'python' as const },
    ];
    const operator = await startOperatorMetricsEndpoint(
      listed.map((f) => ({ ...f, namespace: NAMESPACE, phase: 'Ready' }))
    );
    stops.push(() => operator.stop());
    const prometheus = await startPrometheus({
      rulesFiles: [rulesWithShortFor(workDir)],
      jobs: [
        { jobName: 'knative-lambda-operator', targets: [{ address: operator.address }] },
        {
          jobName: FUNCTIONS_JOB,
          honorLabels: true,
          targets: [
            ...[...running.values()].map((fn) => ({
              address: fn.url.replace('http://', ''),
              labels: { function: fn.spec.functionName, namespace: NAMESPACE },
            })),
            { address: broken.address, labels: { function: 'broken-metrics', namespace: NAMESPACE } },
            { address: `127.0.0.1:${unscrapedPort}`, labels: { function: 'unscraped', namespace: NAMESPACE } },
          ],
        },
      ],
    });
    stops.push(() => prometheus.stop());
    await prometheus.waitFor('the first scrape of every function target', async () => {
      const up = await prometheus.query(`sum(up{job="${FUNCTIONS_JOB}"} == 1)`);
      return up[0]?.value === running.size + 1 || undefined;
    });
    const traffic = await generateTraffic({
      targets: [
        ...[...running.values()].map((fn) => ({ name: fn.spec.functionName, url: `${fn.url}/` })),
        { name: 'broken-metrics', url: `${broken.url}/` },
      ],
      ...TRAFFIC,
      maxSeconds: 30,
    });
    await prometheus.waitFor('Prometheus to have scraped all the traffic', async () => {
      const total = await prometheus.query(`sum(${FUNCTION_METRICS.invocations.name}{namespace="${NAMESPACE}"})`);
      return total[0]?.value === TRAFFIC.count * running.size || undefined;
    });
    return { prometheus, running, traffic, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
