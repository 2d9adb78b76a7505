// A gRPC client for the backend, speaking the same protocol as Grafana's plugin host (pluginv2 +
// go-plugin's controller + grpc.health.v1), built from the backend's own service definitions.
import * as grpc from '@grpc/grpc-js';

import type { AppJsonData, AppSecureJsonData } from '../../../../backend/api/types';
import { protocolServices } from '../../../../backend/protocol/services';
import type * as W from '../../../../backend/protocol/wire-types';

export type Role = 'Viewer' | 'Editor' | 'Admin' | 'None';

export interface OrgSettings {
  orgId?: string;
  jsonData?: AppJsonData | null | '';
  secure?: AppSecureJsonData;
  lastUpdatedMS?: string;
}

export interface ResourceCall extends OrgSettings {
  path: string;
  method?: string;
  query?: string;
  body?: Buffer | string;
  /** undefined = no user in the plugin context (a Grafana-initiated call) */
  role?: Role;
}

export interface ResourceResult {
  status: number;
  headers: Record<string, string[]>;
  body: Buffer;
  json: unknown;
  messages: number;
}

export const NEVER_SAVED_MS = '-6795364578871';

export function pluginContext(s: OrgSettings & { role?: Role }): W.PluginContext {
  const jsonData = s.jsonData === undefined ? '' : s.jsonData === '' ? '' : JSON.stringify(s.jsonData);
  return {
    orgId: s.orgId ?? '1',
    pluginId: 'knative-lambda-app',
    user: s.role ? { login: `user-${s.role.toLowerCase()}`, name: s.role, email: '', role: s.role } : null,
    appInstanceSettings: {
      jsonData: Buffer.from(jsonData),
      decryptedSecureJsonData: { ...(s.secure ?? {}) } as Record<string, string>,
      lastUpdatedMS: s.lastUpdatedMS ?? NEVER_SAVED_MS,
      apiVersion: '',
    },
    grafanaConfig: {},
    pluginVersion: '0.1.0',
    userAgent: 'Grafana/13.1.1 (linux; amd64)',
    apiVersion: '',
    namespace: 'default',
  };
}

export class PluginClient {
  readonly raw: grpc.Client;
  private readonly services = protocolServices();

  constructor(readonly address: string) {
    this.raw = new grpc.Client(address, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': -1,
      'grpc.max_send_message_length': -1,
    });
  }

  callResource(call: ResourceCall): Promise<ResourceResult> {
    return this.callResourceWith({
      pluginContext: pluginContext(call),
      path: call.path,
      method: call.method ?? 'GET',
      url: call.query ? `${call.path}?${call.query}` : call.path,
      headers: { Accept: { values: ['application/json'] } },
      body: Buffer.from(call.body ?? ''),
    });
  }

  /** CallResource with a complete request; the answer is the first message's status and headers, all bodies joined. */
  callResourceWith(request: W.CallResourceRequest, deadlineMs?: number): Promise<ResourceResult> {
    const def = this.services.resource.CallResource;
    return new Promise((resolve, reject) => {
      const options = deadlineMs ? { deadline: Date.now() + deadlineMs } : {};
      const stream = this.raw.makeServerStreamRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request,
        new grpc.Metadata(),
        options
      );
      const parts: W.CallResourceResponse[] = [];
      stream.on('data', (m: W.CallResourceResponse) => parts.push(m));
      stream.on('error', reject);
      stream.on('end', () => {
        if (parts.length === 0) {
          reject(new Error('CallResource answered with no message'));
          return;
        }
        const body = Buffer.concat(parts.map((p) => p.body));
        const headers = Object.fromEntries(Object.entries(parts[0].headers ?? {}).map(([k, v]) => [k, v.values]));
        let json: unknown;
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          json = undefined;
        }
        resolve({ status: parts[0].code, headers, body, json, messages: parts.length });
      });
    });
  }

  private unary<Req, Res>(def: grpc.MethodDefinition<Req, Res>, request: Req): Promise<Res> {
    return new Promise((resolve, reject) =>
      this.raw.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, request, (err, res) =>
        err ? reject(err) : resolve(res!)
      )
    );
  }

  checkHealth(settings: OrgSettings = {}): Promise<W.CheckHealthResponse> {
    return this.checkHealthWith({ pluginContext: pluginContext(settings), headers: {} });
  }

  checkHealthWith(request: W.CheckHealthRequest): Promise<W.CheckHealthResponse> {
    return this.unary(this.services.diagnostics.CheckHealth, request);
  }

  collectMetrics(): Promise<string> {
    return this.collectMetricsWith({ pluginId: 'knative-lambda-app' } as W.PluginContext);
  }

  async collectMetricsWith(context: W.PluginContext): Promise<string> {
    const res = await this.unary(this.services.diagnostics.CollectMetrics, { pluginContext: context });
    return res.metrics.prometheus.toString('utf8');
  }

  healthCheck(service: string): Promise<W.HealthCheckResponse> {
    return this.unary(this.services.health.Check, { service });
  }

  shutdown(): Promise<W.Empty> {
    return this.unary(this.services.controller.Shutdown, {});
  }

  /** Sends raw bytes to a method path (for malformed-protobuf and unknown-service tests). */
  rawUnary(path: string, bytes: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) =>
      this.raw.makeUnaryRequest(
        path,
        (b: Buffer) => b,
        (b: Buffer) => b,
        bytes,
        (err, res) => (err ? reject(err) : resolve(res!))
      )
    );
  }

  close(): void {
    this.raw.close();
  }
}
