// Locates (building on first use) the kube-apiserver, etcd and kubectl binaries. The work is done by build.sh
// so that shell users, CI and the test bootstrap share one cache; see README.md.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { runCacheScript } from './cache-script';

export interface ControlPlaneBinaries {
  dir: string;
  kubeApiserver: string;
  etcd: string;
  /** kubectl of the server's release; may be absent when KUBEBUILDER_ASSETS has none (see ensureKubectl) */
  kubectl: string;
}

let cached: ControlPlaneBinaries | undefined;

export function ensureBinaries(): ControlPlaneBinaries {
  if (cached) {
    return cached;
  }
  const dir = runCacheScript('build.sh', 'building kube-apiserver/etcd/kubectl').pop() ?? '';
  const bins = {
    dir,
    kubeApiserver: path.join(dir, 'kube-apiserver'),
    etcd: path.join(dir, 'etcd'),
    kubectl: path.join(dir, 'kubectl'),
  };
  for (const b of [bins.kubeApiserver, bins.etcd]) {
    if (!fs.existsSync(b)) {
      throw new Error(`build.sh reported ${dir} but ${b} does not exist`);
    }
  }
  cached = bins;
  return bins;
}

/** whether a kubectl of `client` may talk to a kube-apiserver of `server` ("v1.36.3"): within one minor */
export function withinOneMinor(client: string, server: string): boolean {
  const minor = (v: string) => /v(\d+)\.(\d+)/.exec(v)?.slice(1, 3).map(Number);
  const [c, s] = [minor(client), minor(server)];
  return !!c && !!s && c[0] === s[0] && Math.abs(c[1] - s[1]) <= 1;
}

/** the kube-apiserver's release ("v1.36.3"), from `kube-apiserver --version` */
export function serverVersion(): string {
  const out = execFileSync(ensureBinaries().kubeApiserver, ['--version'], { encoding: 'utf8' });
  return out.trim().replace(/^Kubernetes /, '');
}

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, command))
    .find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

function kubectlVersion(file: string): string | undefined {
  try {
    const out = execFileSync(file, ['version', '--client', '-o', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return (JSON.parse(out) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    return undefined; // no kubectl on PATH (or one that cannot say its version)
  }
}

let kubectl: string | undefined;

/**
 * A kubectl for the local control plane: the one on PATH when it is within one minor of the server (the
 * version skew policy), else the one build.sh built from the server's own release.
 */
export function ensureKubectl(): string {
  if (kubectl) {
    return kubectl;
  }
  const server = serverVersion();
  const pathKubectl = onPath('kubectl');
  const pathVersion = pathKubectl ? kubectlVersion(pathKubectl) : undefined;
  const built = ensureBinaries().kubectl;
  if (pathKubectl && pathVersion && withinOneMinor(pathVersion, server)) {
    kubectl = pathKubectl;
  } else if (fs.existsSync(built)) {
    kubectl = built;
  } else {
    throw new Error(
      `no kubectl within one minor of kube-apiserver ${server}: PATH has ${pathVersion ?? 'none'} and ` +
        `${built} does not exist (KUBEBUILDER_ASSETS without kubectl?)`
    );
  }
  return kubectl;
}
