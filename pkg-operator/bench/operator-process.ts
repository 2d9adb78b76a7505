// Runs the operator as a separate process, bundled the way the image bundles it, so its memory is its own.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { freePort } from '../../local/support/free-port';

const ROOT = path.resolve(__dirname, '../..');
const ESBUILD = path.join(ROOT, 'node_modules/.bin/esbuild');

/** bundles the operator and the Node.js wrapper into dir, laid out like the image (pkg-operator/Dockerfile) */
export function bundleOperator(dir: string): { entry: string; runtimesDir: string } {
  const bundle = path.join(dir, 'dist/lambda-operator.js');
  const entry = path.join(dir, 'bin/lambda-operator.js');
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'pkg-operator/bin/lambda-operator.js'), entry);
  const runtimesDir = path.join(dir, 'runtimes');
  const common = ['--bundle', '--platform=node', '--format=cjs', '--log-level=error'];
  execFileSync(ESBUILD, [
    path.join(ROOT, 'pkg-operator/src/cli.ts'),
    ...common,
    '--target=node20',
    '--external:esbuild',
    `--outfile=${bundle}`,
  ]);
  execFileSync(ESBUILD, [
    path.join(ROOT, 'pkg-operator/runtimes/nodejs/src/main.ts'),
    ...common,
    '--target=node18',
    `--outfile=${path.join(runtimesDir, 'nodejs/dist/wrapper.js')}`,
  ]);
  fs.copyFileSync(
    path.join(ROOT, 'pkg-operator/runtimes/nodejs/Dockerfile'),
    path.join(runtimesDir, 'nodejs/Dockerfile')
  );
  for (const lang of ['python', 'go']) {
    fs.symlinkSync(path.join(ROOT, 'pkg-operator/runtimes', lang), path.join(runtimesDir, lang));
  }
  return { entry, runtimesDir };
}

export { freePort };

export interface OperatorProcess {
  port: number;
  logFile: string;
  child: ChildProcess;
  /** current and peak resident set size, from /proc */
  memory(): { rssBytes: number; peakRssBytes: number };
  /** user + system CPU seconds the process has used */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export async function spawnOperator(entry: string, flags: string[], logFile: string): Promise<OperatorProcess> {
  const port = await freePort();
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [entry, 'run', `--metrics-bind-address=127.0.0.1:${port}`, ...flags], {
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
  });
  const kb = (field: string) => {
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  };
  return {
    port,
    logFile,
    child,
    memory: () => ({ rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') }),
    cpuSeconds: () => {
      // fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name) are utime and stime in ticks
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function waitReady({ port, logFile, child }: OperatorProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`operator exited with ${child.exitCode}: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`operator on port ${port} not ready after ${timeoutMs} ms; its log ends with:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
