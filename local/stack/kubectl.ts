// kubectl as a user runs it: the real binary (its built-in kustomize too) with the stack's kubeconfig.
import { spawn } from 'node:child_process';

export interface Kubectl {
  readonly path: string;
  run(args: string[], input?: string): Promise<string>;
}

export function kubectl(path: string, kubeconfig: string, cwd: string): Kubectl {
  return {
    path,
    run(args, input) {
      return new Promise((resolve, reject) => {
        const child = spawn(path, ['--kubeconfig', kubeconfig, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`kubectl ${args.join(' ')} failed (${code}): ${err || out}`))
        );
        child.stdin.end(input ?? '');
      });
    },
  };
}
