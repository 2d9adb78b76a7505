// The bridge from the host to the real backend executable, spoken to as Grafana 13 does:
// - spawn: no arguments, Grafana's cwd (not the plugin dir), only the go-plugin variables plus GF_VERSION
//   and the caller's `env` (Grafana >= 12.4 forwards no host environment), one handshake line on stdout,
//   plaintext gRPC to the loopback address it names (backend-process.ts, protocol notes §1);
// - calls: CallResource with Grafana's pluginContext (plugin-context.ts) and forwarded headers
//   (resource-http.ts); CheckHealth with the same context; CollectMetrics with the plugin id only;
// - lifecycle: restarted after a crash, 503 JSON meanwhile (supervisor.ts); stop = Shutdown RPC, then
//   SIGKILL after 2 s; SIGKILL when the host process exits.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ContextOptions } from './plugin-context';
import { appPluginContext, defaultGrafanaConfig, metricsPluginContext } from './plugin-context';
import { callFailure, forwardedResourceHeaders, notEnabled, unavailable, withResponseHeaders } from './resource-http';
import { BackendSupervisor } from './supervisor';
import type { CallContext, HealthResult, PluginBackend, ResourceRequest, ResourceResponse } from './types';

export type * from './types';

export interface PluginBackendOptions {
  executable: string;
  env?: Record<string, string>;
  logFile?: string;
  /** GF_APP_URL in grafanaConfig (Grafana's root_url); default http://localhost:3000/ */
  appUrl?: string;
  /** more or other grafanaConfig keys */
  grafanaConfig?: Record<string, string>;
  handshakeTimeoutMs?: number;
}

export interface HostPluginBackend extends PluginBackend {
  /** spawn-to-handshake of every start so far, ms */
  readonly handshakeMs: readonly number[];
  /** how many times it was restarted after a crash */
  restarts(): number;
  /** pid of the running process (undefined while it is down) */
  pid(): number | undefined;
}

/** plugin.json `info.version` next to the executable (what Grafana puts in pluginContext.pluginVersion). */
function pluginVersion(executable: string): string {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(path.dirname(executable), 'plugin.json'), 'utf8'));
    return String(json?.info?.version ?? '');
  } catch {
    return '';
  }
}

function healthDetails(bytes: Buffer): { details?: unknown; invalid: boolean } {
  if (bytes.length === 0) {
    return { invalid: false };
  }
  try {
    const details = JSON.parse(bytes.toString('utf8'));
    return { details, invalid: !details || typeof details !== 'object' || Array.isArray(details) };
  } catch {
    return { invalid: true };
  }
}

export async function startPluginBackend(opts: PluginBackendOptions): Promise<HostPluginBackend> {
  const supervisor = new BackendSupervisor(opts);
  await supervisor.start();
  const context: ContextOptions = {
    pluginVersion: pluginVersion(opts.executable),
    grafanaConfig: { ...defaultGrafanaConfig(opts.appUrl ?? 'http://localhost:3000/'), ...opts.grafanaConfig },
  };

  async function callResource(req: ResourceRequest, ctx: CallContext): Promise<ResourceResponse> {
    if (!ctx.settings.enabled) {
      return notEnabled();
    }
    const client = supervisor.running()?.client;
    if (!client) {
      return unavailable(supervisor.lastFailure);
    }
    try {
      const answer = await client.callResourceWith({
        pluginContext: appPluginContext(ctx, context),
        path: req.path.replace(/^\/+/, ''),
        method: req.method,
        url: req.url.replace(/^\/+/, ''),
        headers: Object.fromEntries(
          Object.entries(forwardedResourceHeaders(req.headers, ctx.user)).map(([k, values]) => [k, { values }])
        ),
        body: req.body,
      });
      return withResponseHeaders({ status: answer.status, headers: answer.headers, body: answer.body });
    } catch (error) {
      return callFailure(error);
    }
  }

  async function checkHealth(ctx: CallContext): Promise<HealthResult> {
    const client = supervisor.running()?.client;
    if (!client) {
      return { status: 'ERROR', message: `Plugin unavailable: ${supervisor.lastFailure}` };
    }
    const res = await client.checkHealthWith({ pluginContext: appPluginContext(ctx, context), headers: {} });
    const { details, invalid } = healthDetails(res.jsonDetails);
    if (invalid) {
      return { status: 'ERROR', message: 'Failed to unmarshal detailed response from backend plugin' };
    }
    return { status: res.status, message: res.message, ...(details !== undefined ? { jsonDetails: details } : {}) };
  }

  async function collectMetrics(): Promise<string> {
    const client = supervisor.running()?.client;
    if (!client) {
      throw new Error(`Plugin unavailable: ${supervisor.lastFailure}`);
    }
    return client.collectMetricsWith(metricsPluginContext(context));
  }

  return {
    callResource,
    checkHealth,
    collectMetrics,
    stop: () => supervisor.stop(),
    handshakeMs: supervisor.handshakeMs,
    restarts: () => supervisor.restarts,
    pid: () => supervisor.pid(),
  };
}
