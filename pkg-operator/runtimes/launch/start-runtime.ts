// Starts function wrappers as real processes on 127.0.0.1 for tests, benchmarks and local runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RUNTIME_ENV, type Runtime } from '../../../contract';
import { freePort as freeLoopbackPort } from '../../../local/support/free-port';

import { PYTHON_WRAPPER_DIR, RuntimeArtifacts } from './artifacts';
import { DEMO_DIRS } from './demo-handlers';

export interface RuntimeSpec {
  runtime: Runtime;
  functionName: string;
  namespace?: string;
  handler: string;
  /** Directory of the user's code; default: the runtime's demo directory. */
  functionDir?: string;
  timeoutSeconds?: number;
  /** Default: a free port. */
  port?: number;
  env?: Record<string, string>;
}

export interface RunningRuntime {
  readonly spec: Required<Pick<RuntimeSpec, 'runtime' | 'functionName' | 'namespace' | 'port'>> & RuntimeSpec;
  readonly url: string;
  readonly logPath: string;
  /** JSON log lines written so far. */
  logLines(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
  /** Stops the process and starts a new one on the same port (a new cold start). */
  restart(): Promise<void>;
}

/** Children and work dirs still around; removed if this process exits without stopAll (a failed or aborted run). */
const LIVE_CHILDREN = new Set<ChildProcess>();
const LIVE_DIRS = new Set<string>();
process.on('exit', () => {
  LIVE_CHILDREN.forEach((child) => child.kill('SIGKILL'));
  LIVE_DIRS.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

export { freeLoopbackPort };

async function waitHealthy(url: string, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`runtime exited (${child.exitCode ?? child.signalCode}):\n${readFileSync(logPath, 'utf8')}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`runtime at ${url} did not become healthy in 20 s:\n${readFileSync(logPath, 'utf8')}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts runtimes and removes every process and file it made on stopAll(). */
export class RuntimeLauncher {
  readonly dir = mkdtempSync(join(tmpdir(), 'kl-runtimes-'));

  constructor() {
    LIVE_DIRS.add(this.dir);
  }
  private readonly artifacts = new RuntimeArtifacts(this.dir);
  private readonly running = new Set<RunningRuntime>();

  /** Builds the artifacts of a runtime ahead of time (the Go build is the slow part). */
  prepare(spec: RuntimeSpec): void {
    this.command(spec);
  }

  private command(spec: RuntimeSpec): { bin: string; args: string[]; env: Record<string, string> } {
    switch (spec.runtime) {
      case 'nodejs':
        return { bin: process.execPath, args: [this.artifacts.nodeWrapper()], env: {} };
      case 'python':
        return {
          bin: 'python3',
          args: ['-m', 'knative_lambda_runtime'],
          env: { PYTHONPATH: PYTHON_WRAPPER_DIR, PYTHONDONTWRITEBYTECODE: '1' },
        };
      case 'go':
        return { bin: this.artifacts.goBinary(spec.functionDir ?? DEMO_DIRS.go, spec.handler), args: [], env: {} };
    }
  }

  /** Starts a runtime; on a free port unless one is given (retried when another process took the port first). */
  async start(input: RuntimeSpec): Promise<RunningRuntime> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce({ ...input, port: input.port ?? (await freeLoopbackPort()) });
      } catch (error) {
        const portTaken = /EADDRINUSE|address already in use/i.test(String(error));
        if (input.port !== undefined || !portTaken || attempt === 3) {
          throw error;
        }
      }
    }
  }

  private async startOnce(input: RuntimeSpec & { port: number }): Promise<RunningRuntime> {
    const spec = { namespace: 'default', ...input };
    const { bin, args, env } = this.command(spec);
    const logPath = join(this.dir, `${spec.functionName}-${spec.runtime}-${spec.port}.log`);
    const url = `http://127.0.0.1:${spec.port}`;
    let child: ChildProcess;
    const launch = async () => {
      const log = openSync(logPath, 'a');
      child = spawn(bin, args, {
        cwd: spec.functionDir ?? DEMO_DIRS[spec.runtime],
        stdio: ['ignore', log, log],
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? '/tmp',
          [RUNTIME_ENV.function]: spec.functionName,
          [RUNTIME_ENV.namespace]: spec.namespace,
          [RUNTIME_ENV.runtime]: spec.runtime,
          [RUNTIME_ENV.handler]: spec.handler,
          [RUNTIME_ENV.timeoutSeconds]: String(spec.timeoutSeconds ?? 30),
          [RUNTIME_ENV.port]: String(spec.port),
          [RUNTIME_ENV.listenAddress]: '127.0.0.1',
          ...env,
          ...spec.env,
        },
      });
      closeSync(log);
      const spawned = child;
      LIVE_CHILDREN.add(spawned);
      spawned.once('exit', () => LIVE_CHILDREN.delete(spawned));
      await waitHealthy(url, child, logPath);
    };
    await launch();
    const running: RunningRuntime = {
      spec,
      url,
      logPath,
      logLines: () =>
        readFileSync(logPath, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      stop: async () => {
        this.running.delete(running);
        await stopChild(child);
      },
      restart: async () => {
        await stopChild(child);
        await launch();
      },
    };
    this.running.add(running);
    return running;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((r) => r.stop()));
    rmSync(this.dir, { recursive: true, force: true });
    LIVE_DIRS.delete(this.dir);
  }
}
