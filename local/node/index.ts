// The local node: the one stand-in for what needs a container runtime — the kubelet, the Job controller running
// Kaniko, and Knative Serving with its activator. See README.md for exactly what it does and does not do.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { KubeConfig } from '@kubernetes/client-node';
import { AppsV1Api, BatchV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';

import { startJobController } from './builds/job-controller';
import type { NodeContext } from './context';
import { startDeploymentController } from './deployments/deployment-controller';
import { ImageStore } from './images/image-store';
import type { NodeProcessInfo } from './node-processes';
import { NodeProcesses } from './node-processes';
import { startServiceController } from './serving/service-controller';
import { ScrapeTargets } from './targets/scrape-targets';

export { HONOR_LABELS_DIR, PLAIN_DIR } from './targets/scrape-targets';
export type { NodeProcessInfo } from './node-processes';

export interface LocalNodeOptions {
  /** the node stands in for cluster components, so it talks to the API as admin */
  adminKubeConfig: KubeConfig;
  /** what pods' kubeconfigs point at (https://127.0.0.1:<port>) */
  apiServerUrl: string;
  caPem: string;
  /** the checkout: the operator image runs from here */
  repoRoot: string;
  /** the node makes one directory in here (builds, artefacts, logs, pod tokens) and removes it at stop */
  stateDir: string;
  /** Prometheus file_sd output: subdirectories HONOR_LABELS_DIR (honorLabels endpoints) and PLAIN_DIR */
  targetsDir: string;
  /** how long a function with min-scale 0 may stay idle before it is stopped; default 60 s */
  idleWindowMs?: number;
  log?: (line: string) => void;
}

export interface LocalNode {
  /** the node's own directory inside stateDir */
  readonly dir: string;
  /** the URL of a Knative Service (its activator port), once the node has seen the Service */
  functionUrl(namespace: string, name: string): string | undefined;
  /** every process the node runs now */
  processes(): NodeProcessInfo[];
  /** writes the scrape target files now (they are otherwise written within 50 ms of a change) */
  flushTargets(): void;
  /** idempotent: stops every process, closes every port, removes its targets and its directory */
  stop(): Promise<void>;
}

const SHIMS: Record<string, string> = {
  python: 'exec python3 "$@"',
  pip: 'exec python3 -m pip "$@"',
  node: `exec "${process.execPath}" "$@"`,
};

function writeShims(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(SHIMS)) {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
}

export async function startLocalNode(opts: LocalNodeOptions): Promise<LocalNode> {
  fs.mkdirSync(opts.stateDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(opts.stateDir, 'local-node-'));
  const log = opts.log ?? ((line: string) => process.stderr.write(`[local-node] ${line}\n`));
  const processes = new NodeProcesses(dir);
  const shimDir = path.join(dir, 'shims');
  writeShims(shimDir);
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const kc = opts.adminKubeConfig;
  const targets = new ScrapeTargets(opts.targetsDir, log);
  const ctx: NodeContext = {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    processes,
    images: new ImageStore(path.join(dir, 'images')),
    targets,
    rootDir: dir,
    shimDir,
    repoRoot: opts.repoRoot,
    apiServerUrl: opts.apiServerUrl,
    caPem: opts.caPem,
    idleWindowMs: opts.idleWindowMs ?? 60_000,
    log,
  };
  targets.watch(kc);
  const jobs = startJobController(ctx);
  const serving = startServiceController(ctx);
  const deployments = startDeploymentController(ctx);
  let stopped: Promise<void> | undefined;
  return {
    dir,
    functionUrl: (namespace, name) => serving.url(namespace, name),
    processes: () => processes.list(),
    flushTargets: () => targets.flush(),
    stop() {
      stopped ??= (async () => {
        await Promise.all([jobs.stop(), serving.stop(), deployments.stop()]);
        await targets.stop();
        await processes.stopAll();
        fs.rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
