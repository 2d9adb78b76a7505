import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startControlPlane, type ControlPlane } from '../../local/control-plane/harness';
import { startHost, type RunningHost } from '../../local/host/server';
import { startPluginBackend, type HostPluginBackend } from '../../local/host/server/plugin-backend';
import { BACKEND_AMD64, requireBuilt } from '../../local/host/server/plugin-backend/backend-process';
import { startPrometheus, type Prometheus } from '../../local/prometheus';
import {
  applyYamlFile,
  createFunction,
  ensureNamespace,
  type FunctionFixture,
} from '../backend/support/cluster-fixtures';

export const DIST = path.resolve(__dirname, '..', '..', 'dist');

export const FUNCTIONS: FunctionFixture[] = [
  { namespace: 'shop', name: 'checkout', language: 'nodejs', phase: 'Ready' },
  { namespace: 'billing', name: 'invoice', language: 'go', phase: 'Ready' },
];

export interface HostStack {
  host: RunningHost;
  backend: HostPluginBackend;
  prometheus: Prometheus;
  stateDir: string;
  stop(): Promise<void>;
}

/** The built dist/ (frontend and backend executable); fails loudly when either is missing. */
export function requireDist(): void {
  if (!fs.existsSync(path.join(DIST, 'module.js'))) {
    throw new Error(`${DIST}/module.js does not exist: run \`npm run build:frontend\``);
  }
  requireBuilt(BACKEND_AMD64);
}

/**
 * The host as a user meets it: a real kube-apiserver holding two functions, read by the real backend executable
 * through a ServiceAccount kubeconfig, a real (empty) Prometheus, and the host serving dist/.
 */
export async function startHostStack(): Promise<HostStack> {
  requireDist();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-host-e2e-'));
  fs.mkdirSync(path.join(stateDir, 'grafana'), { mode: 0o700 });
  const cp: ControlPlane = await startControlPlane();
  const kc = cp.adminKubeConfig;
  for (const ns of ['knative-lambda', 'shop', 'billing']) {
    await ensureNamespace(kc, ns);
  }
  await cp.tokenFor('grafana', 'grafana');
  await applyYamlFile(kc, 'backend/rbac/grafana-reader.yaml');
  for (const f of FUNCTIONS) {
    await createFunction(kc, f);
  }
  const kubeconfigPath = path.join(stateDir, 'grafana-sa.kubeconfig');
  fs.writeFileSync(kubeconfigPath, (await cp.kubeConfigForServiceAccount('grafana', 'grafana')).exportConfig(), {
    mode: 0o600,
  });
  const prometheus = await startPrometheus({ jobs: [] });
  const backend = await startPluginBackend({
    executable: BACKEND_AMD64,
    env: { GF_PLUGIN_KUBECONFIG_DIRS: stateDir },
    logFile: path.join(stateDir, 'grafana', 'backend.log'),
  });
  const host = await startHost({
    distDir: DIST,
    stateDir,
    prometheusUrl: prometheus.url,
    backend,
    initialSettings: { enabled: true, pinned: true, jsonData: { kubernetes: { mode: 'kubeconfig', kubeconfigPath } } },
  });
  return {
    host,
    backend,
    prometheus,
    stateDir,
    async stop() {
      await host.stop();
      await backend.stop();
      await prometheus.stop();
      await cp.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
