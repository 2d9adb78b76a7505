// The app as a Grafana installation serves it: the real backend executable (kubeconfig mode, reading the control
// plane's kubeconfig from its own directory only) behind the Grafana-shaped host, over the bench's Prometheus.
import { dirname, join } from 'node:path';

import type { FunctionsResponse } from '../../../backend/api/types';
import { KUBECONFIG_DIRS_VARIABLE, MODES_VARIABLE } from '../../../backend/settings/server-policy';
import type { ControlPlane } from '../../../local/control-plane/harness';
import { startHost, startPluginBackend } from '../../../local/host/server';
import { PLUGIN_ID } from '../../../local/stack/plugin-id';
import { backendExecutable, initialAppSettings } from '../../../local/stack/stack-config';
import { waitFor } from '../../../local/support/wait-for';

export const DIST = join(__dirname, '..', '..', '..', 'dist');
export const FUNCTIONS_RESOURCE = `/api/plugins/${PLUGIN_ID}/resources/functions`;

export interface AppHost {
  url: string;
  /** seconds from start until the backend's watch cache answered all functions */
  cacheFillSeconds: number;
  stop(): Promise<void>;
}

export async function startAppHost(
  cp: ControlPlane,
  stateDir: string,
  prometheusUrl: string,
  expected: number
): Promise<AppHost> {
  const backend = await startPluginBackend({
    executable: backendExecutable(DIST),
    env: { [MODES_VARIABLE]: 'kubeconfig', [KUBECONFIG_DIRS_VARIABLE]: dirname(cp.kubeconfigPath) },
    logFile: join(stateDir, 'backend.log'),
  });
  const host = await startHost({
    distDir: DIST,
    stateDir,
    prometheusUrl,
    backend,
    initialSettings: initialAppSettings(cp.kubeconfigPath),
    prometheusJsonData: { timeInterval: '30s' },
  }).catch(async (error) => {
    await backend.stop();
    throw error;
  });
  const t0 = performance.now();
  await waitFor(
    `the backend to list ${expected} functions`,
    async () => {
      const res = await fetch(`${host.url}${FUNCTIONS_RESOURCE}`);
      return res.ok && ((await res.json()) as FunctionsResponse).items.length === expected;
    },
    { timeoutMs: 300_000, intervalMs: 500 }
  );
  return {
    url: host.url,
    cacheFillSeconds: (performance.now() - t0) / 1000,
    async stop() {
      await host.stop();
      await backend.stop();
    },
  };
}

/** GET functions through the host as the page calls it: bytes and milliseconds. */
export async function functionsResponse(url: string): Promise<{ bytes: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}${FUNCTIONS_RESOURCE}`);
  const bytes = (await res.arrayBuffer()).byteLength;
  return { bytes, ms: performance.now() - t0 };
}
