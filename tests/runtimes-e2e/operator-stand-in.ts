// Stand-in for the operator's /metrics while its metrics server is not yet runnable on its own: serves the
// contract's per-function operator gauges (function_info, SLO objective, latency target, leader) over real HTTP,
// computed at scrape time from the list it is given. Replace with the operator's endpoint once it is exposed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gauge, Registry } from 'prom-client';
import { OPERATOR_METRICS, labelNames, type Phase, type Runtime } from '../../contract';

export interface ListedFunction {
  function: string;
  namespace: string;
  runtime: Runtime;
  phase: Phase;
}

export interface OperatorStandIn {
  address: string;
  stop(): Promise<void>;
}

function registryFor(functions: readonly ListedFunction[]): Registry {
  const registry = new Registry();
  const gauge = (spec: (typeof OPERATOR_METRICS)[keyof typeof OPERATOR_METRICS], fill: (g: Gauge) => void) =>
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: labelNames(spec),
      registers: [registry],
      collect() {
        this.reset();
        fill(this);
      },
    });
  gauge(OPERATOR_METRICS.functionInfo, (g) => functions.forEach((f) => g.set({ ...f }, 1)));
  gauge(OPERATOR_METRICS.functionSloObjective, (g) =>
    functions.forEach((f) => g.set({ function: f.function, namespace: f.namespace }, 0.999))
  );
  gauge(OPERATOR_METRICS.functionLatencyTarget, (g) =>
    functions.forEach((f) => g.set({ function: f.function, namespace: f.namespace }, 5))
  );
  gauge(OPERATOR_METRICS.leader, (g) => g.set(1));
  return registry;
}

export async function startOperatorStandIn(functions: readonly ListedFunction[]): Promise<OperatorStandIn> {
  const registry = registryFor(functions);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
