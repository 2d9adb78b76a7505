// The backend as the host sees it, with an off switch: while it is off, resource calls get what Grafana answers
// for a plugin that is not running (503) and health says so. The browser suite uses it to show the pages'
// "backend unreachable" state and their recovery.
import type { PluginBackend, ResourceRequest, ResourceResponse } from '../host/server/plugin-backend';

type CallContext = Parameters<PluginBackend['callResource']>[1];

const UNAVAILABLE: ResourceResponse = {
  status: 503,
  headers: { 'Content-Type': ['application/json'] },
  body: Buffer.from(JSON.stringify({ message: 'Plugin unavailable' })),
};

export class SwitchableBackend implements PluginBackend {
  constructor(
    private readonly launch: () => Promise<PluginBackend>,
    private current: PluginBackend | null
  ) {}

  async callResource(req: ResourceRequest, ctx: CallContext): Promise<ResourceResponse> {
    return this.current ? this.current.callResource(req, ctx) : UNAVAILABLE;
  }

  async checkHealth(ctx: CallContext) {
    return this.current
      ? this.current.checkHealth(ctx)
      : { status: 'ERROR' as const, message: 'Plugin unavailable: the backend is stopped' };
  }

  async collectMetrics(): Promise<string> {
    if (!this.current) {
      throw new Error('Plugin unavailable: the backend is stopped');
    }
    return this.current.collectMetrics();
  }

  async switchOff(): Promise<void> {
    const running = this.current;
    this.current = null;
    await running?.stop();
  }

  async switchOn(): Promise<void> {
    this.current ??= await this.launch();
  }

  stop(): Promise<void> {
    return this.switchOff();
  }
}
