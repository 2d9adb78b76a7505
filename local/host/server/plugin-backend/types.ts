// The host-facing shapes of the plugin-backend bridge (fixed interface, shared with local/host/server).
export type HostRole = 'Viewer' | 'Editor' | 'Admin';

export interface HostUser {
  login: string;
  name: string;
  email: string;
  role: HostRole;
  orgId: number;
}

export interface HostAppSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
  updatedMs: number;
}

export interface ResourceRequest {
  method: string;
  /** after /resources/, no leading slash, no query */
  path: string;
  /** path + query */
  url: string;
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface ResourceResponse {
  status: number;
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface HealthResult {
  status: 'OK' | 'ERROR' | 'UNKNOWN';
  message: string;
  jsonDetails?: unknown;
}

export interface CallContext {
  user: HostUser;
  settings: HostAppSettings;
}

export interface PluginBackend {
  callResource(req: ResourceRequest, ctx: CallContext): Promise<ResourceResponse>;
  checkHealth(ctx: CallContext): Promise<HealthResult>;
  /** Prometheus text exposition; the host serves it at /metrics/plugins/knative-lambda-app */
  collectMetrics(): Promise<string>;
  stop(): Promise<void>;
}
