// TypeScript shapes of the decoded protocol messages (see backend.proto; int64 as decimal strings).
export interface StringList {
  values: string[];
}

export interface User {
  login: string;
  name: string;
  email: string;
  role: string;
}

export interface AppInstanceSettings {
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: string;
  apiVersion: string;
}

export interface PluginContext {
  orgId: string;
  pluginId: string;
  user?: User | null;
  appInstanceSettings?: AppInstanceSettings | null;
  grafanaConfig: Record<string, string>;
  pluginVersion: string;
  userAgent: string;
  apiVersion: string;
  namespace: string;
}

export interface CallResourceRequest {
  pluginContext?: PluginContext | null;
  path: string;
  method: string;
  url: string;
  headers: Record<string, StringList>;
  body: Buffer;
}

export interface CallResourceResponse {
  code: number;
  headers?: Record<string, StringList>;
  body: Buffer;
}

export type HealthStatus = 'UNKNOWN' | 'OK' | 'ERROR';

export interface CheckHealthRequest {
  pluginContext?: PluginContext | null;
  headers: Record<string, string>;
}

export interface CheckHealthResponse {
  status: HealthStatus;
  message: string;
  jsonDetails: Buffer;
}

export interface CollectMetricsRequest {
  pluginContext?: PluginContext | null;
}

export interface CollectMetricsResponse {
  metrics: { prometheus: Buffer };
}

export interface Empty {}

export interface StdioData {
  channel: 'INVALID' | 'STDOUT' | 'STDERR';
  data: Buffer;
}

export interface HealthCheckRequest {
  service: string;
}

export interface HealthCheckResponse {
  status: 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';
}
