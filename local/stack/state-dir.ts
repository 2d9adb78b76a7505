// The stack's state directory: settings that outlive a run (the app's saved settings), the last run's logs, and
// `run/`, which belongs to one running stack (its pid file, kubeconfigs, scrape targets, builds, Prometheus data)
// and is removed when that stack stops. A stack that died without cleaning up leaves `run/` behind; the next start
// finds its pid dead and starts clean.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { processAlive } from '../support/process-alive';

export interface StackPaths {
  root: string;
  run: string;
  logs: string;
  settingsDir: string;
  kubeconfig: string;
  grafanaKubeconfig: string;
  targets: string;
  node: string;
  prometheus: string;
}

export function stackPaths(root: string): StackPaths {
  const run = join(root, 'run');
  return {
    root,
    run,
    logs: join(root, 'logs'),
    settingsDir: root,
    kubeconfig: join(run, 'kubeconfig'),
    grafanaKubeconfig: join(run, 'grafana-kubeconfig'),
    targets: join(run, 'targets'),
    node: join(run, 'node'),
    prometheus: join(run, 'prometheus'),
  };
}

export class StackAlreadyRunning extends Error {}

/** Claims `run/` for this process: refuses while another live stack owns it, clears what a dead one left. */
export function claimRunDir(paths: StackPaths): void {
  const pidFile = join(paths.run, 'stack.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
      throw new StackAlreadyRunning(
        `another stack (pid ${pid}) is running with state directory ${paths.root}; stop it or pass --state-dir`
      );
    }
  }
  rmSync(paths.run, { recursive: true, force: true });
  rmSync(paths.logs, { recursive: true, force: true });
  for (const dir of [paths.run, paths.logs, paths.targets, paths.node, paths.prometheus]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  writeFileSync(pidFile, `${process.pid}\n`);
}

export function releaseRunDir(paths: StackPaths): void {
  rmSync(paths.run, { recursive: true, force: true });
}
