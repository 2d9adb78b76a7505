// The real entrypoint, `lambda-operator run`, as a child process with the operator's own token (directly or
// through the control plane's fault proxy).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { OperatorEnv } from './operator-env';
import { OPERATOR_NAMESPACE } from './operator-env';

const BIN = path.resolve(__dirname, '../../bin/lambda-operator.js');

export interface OperatorProcess {
  exited: Promise<number | null>;
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
  cleanup(): void;
}

export async function spawnOperatorProcess(
  env: OperatorEnv,
  identity: string,
  opts: { viaProxy?: boolean } = {}
): Promise<OperatorProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-process-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, (await env.operatorKubeConfig(opts.viaProxy)).exportConfig(), { mode: 0o600 });
  const args = [
    'run',
    `--kubeconfig=${kubeconfig}`,
    '--metrics-bind-address=127.0.0.1:0',
    `--identity=${identity}`,
    `--tmp-dir=${dir}`,
  ];
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', POD_NAMESPACE: OPERATOR_NAMESPACE },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return {
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    stderr: () => stderr,
    kill: (signal) => child.kill(signal),
    cleanup: () => {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
