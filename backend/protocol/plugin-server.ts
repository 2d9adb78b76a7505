// The gRPC server Grafana's plugin host talks to: pluginv2 Resource and Diagnostics, go-plugin's
// GRPCController and the standard health service. Any other service answers UNIMPLEMENTED (grpc-js default).
import * as grpc from '@grpc/grpc-js';

import { checkHealth } from '../health/check-health';
import { OrgClusters } from '../kube/org-clusters';
import { logger } from '../log/hclog';
import { BackendMetrics } from '../metrics/backend-metrics';
import { routeResource } from '../resources/router';

import { protocolServices } from './services';
import type * as W from './wire-types';

/** Grafana's Go SDK accepts 16 MiB requests; grpc-js defaults to 4 MiB. */
const MAX_RECEIVE_BYTES = 16 * 1024 * 1024;
const RESPONSE_CHUNK_BYTES = 1024 * 1024;
/** go-plugin pings the service name "plugin". */
const HEALTH_SERVICES = ['', 'plugin'];

const JSON_HEADERS: Record<string, W.StringList> = {
  'Content-Type': { values: ['application/json'] },
  'Cache-Control': { values: ['no-store'] },
  'X-Content-Type-Options': { values: ['nosniff'] },
};

export interface PluginServer {
  port: number;
  close(): Promise<void>;
}

function callResource(clusters: OrgClusters, metrics: BackendMetrics) {
  return async (call: grpc.ServerWritableStream<W.CallResourceRequest, W.CallResourceResponse>) => {
    const started = process.hrtime.bigint();
    const { route, status, body } = await routeResource(call.request, clusters);
    if (!call.cancelled) {
      const bytes = Buffer.from(JSON.stringify(body));
      for (let offset = 0; offset === 0 || offset < bytes.length; offset += RESPONSE_CHUNK_BYTES) {
        const chunk = bytes.subarray(offset, offset + RESPONSE_CHUNK_BYTES);
        call.write(offset === 0 ? { code: status, headers: JSON_HEADERS, body: chunk } : { code: 0, body: chunk });
      }
      call.end();
    }
    metrics.observeRequest(route, status, Number(process.hrtime.bigint() - started) / 1e9);
  };
}

function unary<Req, Res>(name: string, fn: (req: Req) => Promise<Res> | Res): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => callback(null, res),
        (err: Error) => {
          logger.error(`${name} failed`, { error: err.stack ?? err.message });
          callback({ code: grpc.status.INTERNAL, details: err.message });
        }
      );
  };
}

export async function startPluginServer(onShutdown: () => void): Promise<PluginServer> {
  const services = protocolServices();
  const metrics: BackendMetrics = new BackendMetrics({ watchStates: () => clusters.watchStates() });
  const clusters = new OrgClusters((resource) => metrics.watchEvent(resource));
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
    'grpc.max_send_message_length': -1,
  });
  server.addService(services.resource, { CallResource: callResource(clusters, metrics) });
  server.addService(services.diagnostics, {
    CheckHealth: unary('CheckHealth', (req: W.CheckHealthRequest) => checkHealth(clusters, req.pluginContext)),
    CollectMetrics: unary('CollectMetrics', async () => ({
      metrics: { prometheus: Buffer.from(await metrics.exposition()) },
    })),
  });
  server.addService(services.controller, {
    Shutdown: unary('Shutdown', () => {
      setImmediate(onShutdown);
      return {};
    }),
  });
  const stdioStreams = new Set<grpc.ServerWritableStream<W.Empty, W.StdioData>>();
  server.addService(services.stdio, {
    StreamStdio: (call: grpc.ServerWritableStream<W.Empty, W.StdioData>) => {
      stdioStreams.add(call);
      call.on('cancelled', () => stdioStreams.delete(call));
    },
  });
  server.addService(services.health, {
    // grpc.health.v1: "" is the server as a whole; an unknown service is NOT_FOUND
    Check: (
      call: grpc.ServerUnaryCall<W.HealthCheckRequest, W.HealthCheckResponse>,
      callback: grpc.sendUnaryData<W.HealthCheckResponse>
    ) =>
      HEALTH_SERVICES.includes(call.request.service)
        ? callback(null, { status: 'SERVING' })
        : callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p)
    )
  );
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clusters.stop();
        stdioStreams.forEach((call) => call.end());
        const force = setTimeout(() => server.forceShutdown(), 500);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
