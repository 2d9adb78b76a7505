// grpc-js service definitions for the services the backend serves (and the test clients call).
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

import { messageCodec } from './messages';
import type * as W from './wire-types';

function method<Req, Res>(
  path: string,
  requestType: string,
  responseType: string,
  responseStream = false
): MethodDefinition<Req, Res> {
  const req = messageCodec<Req>(requestType);
  const res = messageCodec<Res>(responseType);
  return {
    path,
    requestStream: false,
    responseStream,
    requestSerialize: req.encode,
    requestDeserialize: req.decode,
    responseSerialize: res.encode,
    responseDeserialize: res.decode,
  };
}

export interface ProtocolServices {
  resource: ServiceDefinition<{ CallResource: MethodDefinition<W.CallResourceRequest, W.CallResourceResponse> }>;
  diagnostics: ServiceDefinition<{
    CheckHealth: MethodDefinition<W.CheckHealthRequest, W.CheckHealthResponse>;
    CollectMetrics: MethodDefinition<W.CollectMetricsRequest, W.CollectMetricsResponse>;
  }>;
  controller: ServiceDefinition<{ Shutdown: MethodDefinition<W.Empty, W.Empty> }>;
  stdio: ServiceDefinition<{ StreamStdio: MethodDefinition<W.Empty, W.StdioData> }>;
  health: ServiceDefinition<{ Check: MethodDefinition<W.HealthCheckRequest, W.HealthCheckResponse> }>;
}

let services: ProtocolServices | undefined;

export function protocolServices(): ProtocolServices {
  services ??= {
    resource: {
      CallResource: method(
        '/pluginv2.Resource/CallResource',
        'pluginv2.CallResourceRequest',
        'pluginv2.CallResourceResponse',
        true
      ),
    },
    diagnostics: {
      CheckHealth: method(
        '/pluginv2.Diagnostics/CheckHealth',
        'pluginv2.CheckHealthRequest',
        'pluginv2.CheckHealthResponse'
      ),
      CollectMetrics: method(
        '/pluginv2.Diagnostics/CollectMetrics',
        'pluginv2.CollectMetricsRequest',
        'pluginv2.CollectMetricsResponse'
      ),
    },
    controller: {
      Shutdown: method('/plugin.GRPCController/Shutdown', 'plugin.Empty', 'plugin.Empty'),
    },
    stdio: {
      StreamStdio: method('/plugin.GRPCStdio/StreamStdio', 'google.protobuf.Empty', 'plugin.StdioData', true),
    },
    health: {
      Check: method(
        '/grpc.health.v1.Health/Check',
        'grpc.health.v1.HealthCheckRequest',
        'grpc.health.v1.HealthCheckResponse'
      ),
    },
  };
  return services;
}
