// Assembles one operator process: caches, leader election, workers, metrics and the HTTP endpoints.
import { KubeConfig } from '@kubernetes/client-node';

import { loadRuntimeKits } from './build/runtime-wrappers';
import type { OperatorConfig } from './config/config';
import { LambdaController } from './controller/controller';
import type { RetryPolicy } from './controller/fetch-retry';
import { secretReader } from './controller/git-secrets';
import { EventRecorder } from './events/event-recorder';
import { KubeGateway } from './kube/gateway';
import { LeaseElector } from './leader/lease-elector';
import { registerCacheGauges } from './metrics/cache-gauges';
import { OperatorMetrics } from './metrics/operator-metrics';
import { OperatorServer } from './server/http-server';
import { createSourceModule } from './sources';
import type { SourceModule } from './sources/types';
import type { Tracer } from './tracing/tracer';

export interface OperatorOverrides {
  kubeConfig?: KubeConfig;
  sources?: SourceModule;
  tracer?: Tracer;
  log?: (msg: string) => void;
  backoff?: { baseMs: number; maxMs: number };
  fetchRetry?: RetryPolicy;
}

export interface RunningOperator {
  identity: string;
  port: number;
  controller: LambdaController;
  kube: KubeGateway;
  metrics: OperatorMetrics;
  isLeader(): boolean;
  /** graceful: stop taking work, finish in-flight reconciles, release the lease, close the endpoints */
  stop(): Promise<void>;
}

function kubeConfigFrom(config: OperatorConfig): KubeConfig {
  const kc = new KubeConfig();
  if (config.kubeconfig) {
    kc.loadFromFile(config.kubeconfig);
  } else {
    kc.loadFromDefault();
  }
  return kc;
}

/** reportingController of the operator's Events */
export const EVENT_CONTROLLER = 'lambda.knative.io/operator';

const defaultLog = (msg: string) =>
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), msg })}\n`);

export async function startOperator(
  config: OperatorConfig,
  overrides: OperatorOverrides = {}
): Promise<RunningOperator> {
  const log = overrides.log ?? defaultLog;
  const kc = overrides.kubeConfig ?? kubeConfigFrom(config);
  const kube = new KubeGateway(kc, 'knative-lambda-operator');
  const metrics = new OperatorMetrics();
  const events = new EventRecorder(kube, { controller: EVENT_CONTROLLER, instance: config.identity, log });
  const sources =
    overrides.sources ??
    createSourceModule({
      policy: { allowList: config.allowSourceHosts },
      tmpDir: config.tmpDir,
      scratchLimitBytes: config.scratchLimitBytes,
      maxConcurrentFetches: config.maxConcurrentFetches,
      readSecret: secretReader(kube, { namespace: config.leaseNamespace, serviceAccount: config.serviceAccount }),
    });
  const controller = new LambdaController(
    kc,
    { kube, sources, metrics, events, runtimes: loadRuntimeKits(config.runtimesDir), settings: config.settings, log },
    {
      workers: config.workers,
      namespace: config.namespace,
      tracer: overrides.tracer,
      backoff: overrides.backoff,
      fetchRetry: overrides.fetchRetry,
    }
  );
  let leading = !config.leaderElection;
  const elector = config.leaderElection
    ? new LeaseElector(kube, {
        namespace: config.leaseNamespace,
        name: config.leaseName,
        identity: config.identity,
        leaseDurationSeconds: 15,
        renewDeadlineMs: 10_000,
        retryPeriodMs: 2_000,
        onStartedLeading: () => {
          leading = true;
          controller.startWorking();
        },
        onStoppedLeading: () => {
          leading = false;
          void controller.stopWorking();
        },
        log,
      })
    : undefined;
  registerCacheGauges(metrics.registry, {
    isLeader: () => leading,
    functions: () => controller.functions(),
    activeBuildNamespaces: () => controller.activeBuildNamespaces(),
    queueDepth: () => controller.queueDepth(),
    scratch: () => sources.scratchUsage(),
  });
  const server = new OperatorServer({
    host: config.metricsHost,
    port: config.metricsPort,
    registry: metrics.registry,
    ready: () => controller.synced,
  });
  const port = await server.listen();
  await controller.startCaches();
  if (elector) {
    elector.start();
  } else {
    controller.startWorking();
  }
  log(
    `operator ${config.identity} started (metrics on ${config.metricsHost}:${port}, leader election ${config.leaderElection ? 'on' : 'off'})`
  );
  let stopping: Promise<void> | undefined;
  return {
    identity: config.identity,
    port,
    controller,
    kube,
    metrics,
    isLeader: () => leading,
    stop() {
      stopping ??= (async () => {
        await controller.stopWorking();
        await events.flush();
        await elector?.stop();
        leading = false;
        await controller.stopCaches();
        await overrides.tracer?.shutdown();
        await server.close();
      })();
      return stopping;
    },
  };
}
