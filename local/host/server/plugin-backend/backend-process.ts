// Runs the BUILT backend executable the way Grafana does: no arguments, Grafana's cwd (not the plugin dir),
// only the go-plugin variables in the environment (Grafana >= 12.4 forwards no host env), stdout and stderr
// piped. Everything the process writes is kept for assertions.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { PluginClient } from './plugin-client';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const BACKEND_AMD64 = path.join(REPO_ROOT, 'dist/gpx_knative_lambda_linux_amd64');
export const BACKEND_ARM64 = path.join(REPO_ROOT, 'dist/gpx_knative_lambda_linux_arm64');
export const HANDSHAKE = /^1\|2\|tcp\|127\.0\.0\.1:(\d+)\|grpc$/;

export const GRAFANA_ENV = {
  grafana_plugin_type: 'datasource',
  PLUGIN_PROTOCOL_VERSIONS: '2',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
  GF_VERSION: '13.1.1',
};

export function requireBuilt(binary: string): string {
  if (!fs.existsSync(binary)) {
    throw new Error(`${binary} does not exist: run \`npm run build:backend\` (npm test builds it first)`);
  }
  return binary;
}

export interface SpawnOptions {
  binary?: string;
  env?: Record<string, string>;
  /** prefix command, e.g. ['qemu-aarch64-static'] */
  runner?: string[];
  handshakeTimeoutMs?: number;
  /** append everything the process writes to stderr (hclog JSON lines) to this file */
  logFile?: string;
  /** keep only the last this many characters of stderr in memory (a long-running host) */
  stderrLimit?: number;
}

export class BackendProcess {
  readonly child: ChildProcess;
  private out = '';
  private err = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly spawnedAt = process.hrtime.bigint();
  client?: PluginClient;

  constructor(opts: SpawnOptions = {}) {
    const binary = requireBuilt(opts.binary ?? BACKEND_AMD64);
    const [cmd, ...args] = [...(opts.runner ?? []), binary];
    this.child = spawn(cmd, args, {
      cwd: os.tmpdir(),
      env: { ...GRAFANA_ENV, ...(opts.env ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.out += d.toString('utf8')));
    const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a', mode: 0o600 }) : undefined;
    this.child.stderr!.on('data', (d: Buffer) => {
      log?.write(d);
      this.err += d.toString('utf8');
      if (opts.stderrLimit && this.err.length > opts.stderrLimit) {
        this.err = this.err.slice(-opts.stderrLimit);
      }
    });
    this.child.stderr!.once('close', () => log?.end());
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  stderrLines(): string[] {
    return this.err.split('\n').filter((l) => l !== '');
  }

  /** Waits for the handshake line; returns the gRPC address and the spawn-to-handshake time. */
  async handshake(timeoutMs = 15_000): Promise<{ address: string; ms: number }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.out.includes('\n')) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(
          `backend exited before the handshake (${this.child.exitCode ?? this.child.signalCode}):\n${this.err}`
        );
      }
      if (Date.now() > deadline) {
        throw new Error(`no handshake within ${timeoutMs} ms; stderr:\n${this.err}`);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    const ms = Number(process.hrtime.bigint() - this.spawnedAt) / 1e6;
    const line = this.out.slice(0, this.out.indexOf('\n'));
    const match = HANDSHAKE.exec(line);
    if (!match) {
      throw new Error(`unexpected handshake line ${JSON.stringify(line)}`);
    }
    this.client = new PluginClient(`127.0.0.1:${match[1]}`);
    return { address: `127.0.0.1:${match[1]}`, ms };
  }

  /** Stops as Grafana does: Shutdown RPC, then SIGKILL if still running after 2 s. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await this.client?.shutdown().catch(() => undefined);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      await this.exited;
      clearTimeout(timer);
    }
    this.client?.close();
  }
}

export async function startBackend(opts: SpawnOptions = {}): Promise<BackendProcess> {
  const backend = new BackendProcess(opts);
  try {
    await backend.handshake(opts.handshakeTimeoutMs);
  } catch (err) {
    backend.child.kill('SIGKILL');
    throw err;
  }
  return backend;
}
