// Locates (building on first use) the kube-apiserver and etcd binaries. The work is done by build.sh so
// that shell users, CI and the test bootstrap share one cache; see README.md.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ControlPlaneBinaries {
  dir: string;
  kubeApiserver: string;
  etcd: string;
}

let cached: ControlPlaneBinaries | undefined;

export function ensureBinaries(): ControlPlaneBinaries {
  if (cached) {
    return cached;
  }
  const script = path.join(__dirname, 'build.sh');
  let out: string;
  try {
    // stderr (progress of a first build) goes straight to the terminal
    out = execFileSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  } catch (err) {
    throw new Error(`building kube-apiserver/etcd failed (bash ${script}): ${(err as Error).message}`);
  }
  const dir = out.trim().split('\n').pop() ?? '';
  const bins = { dir, kubeApiserver: path.join(dir, 'kube-apiserver'), etcd: path.join(dir, 'etcd') };
  for (const b of [bins.kubeApiserver, bins.etcd]) {
    if (!fs.existsSync(b)) {
      throw new Error(`${script} reported ${dir} but ${b} does not exist`);
    }
  }
  cached = bins;
  return bins;
}
