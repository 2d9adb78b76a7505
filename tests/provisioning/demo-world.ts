// What the dashboards are evaluated against: the demo functions of examples/ (one per runtime) served by the real
// runtime wrappers with the flaky demo handler, the operator's real metrics code fed with the examples'
// LambdaFunctions (dashboards/demo/operator-metrics.ts) and driven by a stand-in reconcile loop, and the real
// Prometheus scraping both with the shipped rules while the real traffic generator runs.
import { join } from 'node:path';

import { FUNCTION_METRICS, type Runtime } from '../../contract';
import { exampleFunction, startOperatorMetrics } from '../../dashboards/demo/operator-metrics';
import { startPrometheus, type Prometheus } from '../../local/prometheus';
import { DEMO_HANDLERS } from '../../pkg-operator/runtimes/launch/demo-handlers';
import { RuntimeLauncher, type RunningRuntime } from '../../pkg-operator/runtimes/launch/start-runtime';
import { generateTraffic, type TrafficSummary } from '../../pkg-operator/runtimes/traffic/generate';
import type { LambdaFunction } from '../../pkg-operator/src/api';
import type { OperatorMetrics } from '../../pkg-operator/src/metrics/operator-metrics';
import { RULES_CONFIG } from '../../rules/config';
import { OUTPUT_PATHS, REPO_ROOT } from '../../rules/outputs';

export const DEMO_EXAMPLES: Record<Runtime, string> = {
  python: 'hello-python.yaml',
  nodejs: 'checkout-nodejs.yaml',
  go: 'resize-go.yaml',
};
export const SCRAPE_SECONDS = 1;
/** Per function: 10 requests a second for 12 s. */
export const TRAFFIC = { ratePerSecond: 10, count: 120 };

export interface DemoWorld {
  prometheus: Prometheus;
  namespace: string;
  functions: RunningRuntime[];
  traffic: TrafficSummary;
  stop(): Promise<void>;
}

/** Reconciles, builds, errors and queue waits as the controller records them, a few per second. */
function reconcileLoop(metrics: OperatorMetrics, functions: LambdaFunction[]): () => void {
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    const runtime = functions[tick % functions.length].spec.runtime.language;
    metrics.reconciled('Ready', 'success', 0.02 + (tick % 5) / 100);
    metrics.reconciled('Building', tick % 4 === 0 ? 'error' : 'success', 0.3);
    metrics.buildFinished(runtime, tick % 6 === 0 ? 'failed' : 'success', 20 + (tick % 10) * 15);
    metrics.queueWaited(0.005 * (tick % 7));
    if (tick % 3 === 0) {
      metrics.error('build', 'job_failed');
    }
  }, 200);
  return () => clearInterval(timer);
}

export async function startDemoWorld(): Promise<DemoWorld> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) {
      await step();
    }
  };
  try {
    const examples = Object.values(DEMO_EXAMPLES).map((file) => exampleFunction(file));
    const namespace = examples[0].metadata.namespace ?? '';
    const launcher = new RuntimeLauncher();
    stops.push(() => launcher.stopAll());
    const functions: RunningRuntime[] = [];
    for (const fn of examples) {
      const runtime = fn.spec.runtime.language;
      functions.push(
        await launcher.start({
          runtime,
          functionName: fn.metadata.name ?? '',
          namespace,
          handler: DEMO_HANDLERS.flaky[runtime],
          timeoutSeconds: 2,
        })
      );
    }
    const operator = await startOperatorMetrics({
      host: '127.0.0.1',
      port: 0,
      functions: examples,
      activeBuildNamespaces: [namespace],
      queueDepth: 3,
    });
    const stopLoop = reconcileLoop(operator.metrics, examples);
    stops.push(async () => {
      stopLoop();
      await operator.stop();
    });
    const prometheus = await startPrometheus({
      rulesFiles: [join(REPO_ROOT, OUTPUT_PATHS.rulesFile)],
      scrapeInterval: `${SCRAPE_SECONDS}s`,
      jobs: [
        { jobName: RULES_CONFIG.selectors.operatorJob, targets: [{ address: operator.address }] },
        {
          jobName: `${namespace}/knative-lambda-functions`,
          honorLabels: true,
          targets: functions.map((fn) => ({
            address: fn.url.replace('http://', ''),
            labels: { function: fn.spec.functionName, namespace },
          })),
        },
      ],
    });
    stops.push(() => prometheus.stop());
    await prometheus.waitFor('the first scrape of every target', async () => {
      const up = await prometheus.query('sum(up == 1)');
      return up[0]?.value === functions.length + 1 || undefined;
    });
    const traffic = await generateTraffic({
      targets: functions.map((fn) => ({ name: fn.spec.functionName, url: `${fn.url}/` })),
      ...TRAFFIC,
      maxSeconds: 30,
    });
    await prometheus.waitFor('Prometheus to have scraped all the traffic', async () => {
      const total = await prometheus.query(`sum(${FUNCTION_METRICS.invocations.name}{namespace="${namespace}"})`);
      return total[0]?.value === TRAFFIC.count * functions.length || undefined;
    });
    return { prometheus, namespace, functions, traffic, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
