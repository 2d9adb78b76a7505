import type { CallContext, HealthResult, PluginBackend, ResourceRequest } from '../../local/host/server/host-types';

export interface RecordedCall {
  req: ResourceRequest;
  ctx: CallContext;
}

/** A PluginBackend that records what the host hands it (for host-level tests; the real executable is tested elsewhere). */
export function recordingBackend(health: HealthResult = { status: 'OK', message: 'fine' }) {
  const calls: RecordedCall[] = [];
  const healthCalls: CallContext[] = [];
  const backend: PluginBackend = {
    async callResource(req, ctx) {
      calls.push({ req, ctx });
      return {
        status: 200,
        headers: { 'Content-Type': ['application/json'] },
        body: Buffer.from(JSON.stringify({ role: ctx.user.role, path: req.path, url: req.url })),
      };
    },
    async checkHealth(ctx) {
      healthCalls.push(ctx);
      return health;
    },
    async collectMetrics() {
      return 'plugin_up 1\n';
    },
    async stop() {},
  };
  return { backend, calls, healthCalls };
}
