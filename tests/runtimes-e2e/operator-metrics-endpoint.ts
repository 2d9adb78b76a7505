// The operator's own /metrics endpoint (OperatorMetrics, its cache gauges and OperatorServer) on 127.0.0.1, fed
// with a fixed list of LambdaFunctions where the running operator reads its informer cache: the e2e needs
// function_info{phase="Ready"} for functions that run as local processes, not a control plane.
import type { Phase, Runtime } from '../../contract';
import type { LambdaFunction } from '../../pkg-operator/src/api';
import { registerCacheGauges } from '../../pkg-operator/src/metrics/cache-gauges';
import { OperatorMetrics } from '../../pkg-operator/src/metrics/operator-metrics';
import { OperatorServer } from '../../pkg-operator/src/server/http-server';

export interface ListedFunction {
  function: string;
  namespace: string;
  runtime: Runtime;
  phase: Phase;
}

export interface OperatorEndpoint {
  address: string;
  stop(): Promise<void>;
}

function lambdaFunction(f: ListedFunction): LambdaFunction {
  return {
    metadata: { name: f.function, namespace: f.namespace },
    spec: { source: { inline: { code: '' } }, runtime: { language: f.runtime, version: '1' } },
    status: { phase: f.phase },
  };
}

export async function startOperatorMetricsEndpoint(functions: readonly ListedFunction[]): Promise<OperatorEndpoint> {
  const metrics = new OperatorMetrics();
  const cache = functions.map(lambdaFunction);
  registerCacheGauges(metrics.registry, {
    isLeader: () => true,
    functions: () => cache,
    activeBuildNamespaces: () => [],
    queueDepth: () => 0,
    scratch: () => ({ usedBytes: 0, limitBytes: 1 << 30 }),
  });
  const server = new OperatorServer({ host: '127.0.0.1', port: 0, registry: metrics.registry, ready: () => true });
  const port = await server.listen();
  return { address: `127.0.0.1:${port}`, stop: () => server.close() };
}
