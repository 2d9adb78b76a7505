// The whole product on one machine, all on 127.0.0.1: the real control plane, the operator deployed with
// `kubectl apply -k` and run by the local node as its own ServiceAccount, Prometheus with the shipped rules,
// the real backend executable behind the Grafana-shaped host, the demo functions and traffic to them.
// `npm start` (cli.ts) and the stack's tests run this same code.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { AppsV1Api } from '@kubernetes/client-node';

import {
  ensureBinaries,
  ensureKubectl,
  HAND_WRITTEN_CRDS,
  startControlPlane,
  upstreamCrdPaths,
  type ControlPlane,
} from '../control-plane/harness';
import { startHost } from '../host/server';
import { startPluginBackend, type PluginBackend } from '../host/server/plugin-backend';
import { startLocalNode, type LocalNode } from '../node';
import { startPrometheus, type Prometheus } from '../prometheus';
import { freePort } from '../support/free-port';
import { waitFor } from '../support/wait-for';

import { provisionGrafanaIdentity } from './grafana-identity';
import { kubectl, type Kubectl } from './kubectl';
import { appendLog } from './logs';
import type { StackOptions } from './options';
import { PLUGIN_ID } from './plugin-id';
import type { ProgressLog } from './progress';
import { watchRunDir } from './run-dir-watchdog';
import { FUNCTION_SCRAPE_INTERVAL, stackScrapeJobs } from './scrape-jobs';
import { backendExecutable, backendServerPolicy, DEMO_NAMESPACE, initialAppSettings, OPERATOR } from './stack-config';
import { claimRunDir, releaseRunDir, stackPaths, type StackPaths } from './state-dir';
import { SwitchableBackend } from './switchable-backend';
import { startTraffic, type RunningTraffic } from './traffic';

export const REPO_ROOT = resolve(__dirname, '../..');

export interface RunningStack {
  appUrl: string;
  hostUrl: string;
  prometheusUrl: string;
  kubeconfigPath: string;
  paths: StackPaths;
  controlPlane: ControlPlane;
  node: LocalNode;
  prometheus: Prometheus;
  backend: PluginBackend;
  kubectl: Kubectl;
  traffic: RunningTraffic | null;
  /** take Prometheus or the backend away and bring them back, as an outage would */
  outages: StackOutages;
  stop(): Promise<void>;
}

export interface StackOutages {
  stopPrometheus(): Promise<void>;
  startPrometheus(): Promise<void>;
  stopBackend(): Promise<void>;
  startBackend(): Promise<void>;
}

type Stoppable = { name: string; stop: () => Promise<unknown> | unknown };

async function stopAll(parts: Stoppable[], log: ProgressLog): Promise<void> {
  for (const part of [...parts].reverse()) {
    try {
      await part.stop();
    } catch (error) {
      log(`stopping ${part.name}: ${(error as Error).message}`);
    }
  }
}

async function waitForOperator(cp: ControlPlane): Promise<void> {
  const apps = cp.adminKubeConfig.makeApiClient(AppsV1Api);
  await waitFor(
    'the operator Deployment to report a ready replica',
    async () => {
      const d = await apps.readNamespacedDeployment({ name: OPERATOR.deployment, namespace: OPERATOR.namespace });
      return (d.status?.readyReplicas ?? 0) >= 1;
    },
    { timeoutMs: 120_000, intervalMs: 500 }
  );
}

export async function startStack(options: StackOptions, log: ProgressLog): Promise<RunningStack> {
  const paths = stackPaths(resolve(options.stateDir));
  claimRunDir(paths);
  watchRunDir(paths.run);
  const parts: Stoppable[] = [{ name: 'run directory', stop: () => releaseRunDir(paths) }];
  try {
    const distDir = join(REPO_ROOT, 'dist');
    const executable = backendExecutable(distDir);
    if (!existsSync(join(distDir, 'module.js')) || !existsSync(executable)) {
      throw new Error(`dist/ has no built plugin (module.js and ${executable}): run npm run build first`);
    }
    log('control plane: kube-apiserver + etcd (a first run builds them from source, about 6 minutes)');
    ensureBinaries();
    const kubectlPath = ensureKubectl();
    log(`control plane: binaries ready; kubectl ${kubectlPath}`);
    const cp = await startControlPlane({ faultProxy: false, crds: [...upstreamCrdPaths(), ...HAND_WRITTEN_CRDS] });
    parts.push({ name: 'control plane', stop: () => cp.stop() });
    writeFileSync(paths.kubeconfig, cp.adminKubeConfig.exportConfig(), { mode: 0o600 });
    const kc = kubectl(kubectlPath, paths.kubeconfig, REPO_ROOT);
    log(`control plane: ${cp.url} ready in ${(cp.timings.totalMs / 1000).toFixed(1)} s (upstream CRDs installed)`);

    await kc.run(['apply', '--server-side', '-k', 'pkg-operator/k8s/base']);
    await kc.run(['wait', '--for=condition=Established', '--timeout=60s', 'crd/lambdafunctions.lambda.knative.io']);
    log('operator: kubectl apply -k pkg-operator/k8s/base done');
    await provisionGrafanaIdentity(cp, kc, REPO_ROOT, paths.grafanaKubeconfig);

    const node = await startLocalNode({
      adminKubeConfig: cp.adminKubeConfig,
      apiServerUrl: cp.url,
      caPem: cp.caPem,
      repoRoot: REPO_ROOT,
      stateDir: paths.node,
      targetsDir: paths.targets,
      idleWindowMs: options.idleWindowSeconds * 1000,
      log: (line) => appendLog(paths, 'node', line),
    });
    parts.push({ name: 'local node', stop: () => node.stop() });
    await waitForOperator(cp);
    log('operator: running as ServiceAccount knative-lambda/knative-lambda-operator, 1 replica ready');

    const hostPort = options.hostPort || (await freePort());
    const prometheusPort = options.prometheusPort || (await freePort());
    const launchPrometheus = () =>
      startPrometheus(
        {
          jobs: stackScrapeJobs(paths.targets, `127.0.0.1:${hostPort}`),
          rulesFiles: [join(REPO_ROOT, 'provisioning/prometheus/knative-lambda.rules.yaml')],
          scrapeInterval: '15s',
          evaluationInterval: '15s',
        },
        { port: prometheusPort, dir: paths.prometheus }
      );
    let prometheus: Prometheus | null = await launchPrometheus();
    parts.push({ name: 'prometheus', stop: () => prometheus?.stop() });
    const prometheusClient = prometheus;
    log(`prometheus: ${prometheusClient.url} with the shipped rules`);

    const launchBackend = () =>
      startPluginBackend({ executable, env: backendServerPolicy(paths), logFile: join(paths.logs, 'backend.log') });
    const backend = new SwitchableBackend(launchBackend, await launchBackend());
    parts.push({ name: 'backend', stop: () => backend.stop() });
    const host = await startHost({
      port: hostPort,
      distDir,
      stateDir: paths.settingsDir,
      prometheusUrl: prometheusClient.url,
      tempoUrl: options.tempoUrl,
      backend,
      initialSettings: initialAppSettings(paths.grafanaKubeconfig),
      prometheusJsonData: { timeInterval: FUNCTION_SCRAPE_INTERVAL },
      log: (line) => appendLog(paths, 'host', line),
    });
    parts.push({ name: 'host', stop: () => host.stop() });
    log(`host: ${host.url} (the real backend executable behind /api/plugins/${PLUGIN_ID}/resources)`);

    let traffic: RunningTraffic | null = null;
    if (options.examples) {
      await kc.run(['apply', '-f', 'examples/']);
      log(`examples: kubectl apply -f examples/ (namespace ${DEMO_NAMESPACE})`);
      if (options.trafficSeconds > 0) {
        traffic = startTraffic({
          kubeConfig: cp.adminKubeConfig,
          namespace: DEMO_NAMESPACE,
          durationSeconds: options.trafficSeconds,
          log: (line) => appendLog(paths, 'traffic', line),
        });
        parts.push({ name: 'traffic', stop: () => traffic?.stop() });
      }
    }
    let stopping: Promise<void> | undefined;
    return {
      appUrl: `${host.url}/a/${PLUGIN_ID}`,
      hostUrl: host.url,
      prometheusUrl: prometheusClient.url,
      kubeconfigPath: paths.kubeconfig,
      paths,
      controlPlane: cp,
      node,
      prometheus: prometheusClient,
      backend,
      kubectl: kc,
      traffic,
      outages: {
        async stopPrometheus() {
          await prometheus?.stop();
          prometheus = null;
        },
        async startPrometheus() {
          prometheus ??= await launchPrometheus();
        },
        stopBackend: () => backend.switchOff(),
        startBackend: () => backend.switchOn(),
      },
      stop: () => (stopping ??= stopAll(parts, log)),
    };
  } catch (error) {
    await stopAll(parts, log);
    throw error;
  }
}
