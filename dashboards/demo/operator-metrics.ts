// The operator's metrics endpoint without a cluster, for the docker-compose demo and the dashboards test: the
// operator's own metrics code (OperatorMetrics, its cache gauges, OperatorServer) with the informer cache replaced
// by LambdaFunctions read from examples/ (phase Ready: their runtimes run beside it). Nothing reconciles here, so the
// reconcile, build and queue series stay empty unless a caller records events on `metrics`.
// CLI: tsx dashboards/demo/operator-metrics.ts [--host 127.0.0.1] [--port 9102] [--examples DIR] hello-python.yaml …
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { parseAllDocuments } from 'yaml';

import type { LambdaFunction } from '../../pkg-operator/src/api';
import { registerCacheGauges } from '../../pkg-operator/src/metrics/cache-gauges';
import { OperatorMetrics } from '../../pkg-operator/src/metrics/operator-metrics';
import { OperatorServer } from '../../pkg-operator/src/server/http-server';

const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

export function exampleFunction(file: string, dir = EXAMPLES_DIR): LambdaFunction {
  const docs = parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS());
  const fn = docs.find((d) => d?.kind === 'LambdaFunction');
  if (!fn) {
    throw new Error(`examples/${file} holds no LambdaFunction`);
  }
  return { ...fn, status: { phase: 'Ready' } } as LambdaFunction;
}

export interface OperatorMetricsOptions {
  host: string;
  /** 0 = a free port */
  port: number;
  functions: LambdaFunction[];
  /** Namespaces with a build Job running; default none. */
  activeBuildNamespaces?: string[];
  queueDepth?: number;
}

export interface OperatorMetricsEndpoint {
  metrics: OperatorMetrics;
  address: string;
  stop(): Promise<void>;
}

export async function startOperatorMetrics(options: OperatorMetricsOptions): Promise<OperatorMetricsEndpoint> {
  const metrics = new OperatorMetrics();
  registerCacheGauges(metrics.registry, {
    isLeader: () => true,
    functions: () => options.functions,
    activeBuildNamespaces: () => options.activeBuildNamespaces ?? [],
    queueDepth: () => options.queueDepth ?? 0,
    scratch: () => ({ usedBytes: 0, limitBytes: 1 << 30 }),
  });
  const server = new OperatorServer({
    host: options.host,
    port: options.port,
    registry: metrics.registry,
    ready: () => true,
  });
  const port = await server.listen();
  return { metrics, address: `${options.host}:${port}`, stop: () => server.close() };
}

if (require.main === module) {
  const { values, positionals } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '9102' },
      examples: { type: 'string', default: EXAMPLES_DIR },
    },
    allowPositionals: true,
  });
  startOperatorMetrics({
    host: values.host,
    port: Number(values.port),
    functions: positionals.map((f) => exampleFunction(f, values.examples)),
  })
    .then((endpoint) =>
      console.log(`operator metrics for ${positionals.join(', ')} on http://${endpoint.address}/metrics`)
    )
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
