// Starts Debian's prometheus on 127.0.0.1 with a temp config and TSDB, exemplar storage on, short intervals.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  freePort,
  logTail,
  startProcess,
  startWatchdog,
  stopProcess,
  type ManagedProcess,
} from '../control-plane/processes';
import { waitFor, type WaitOptions } from '../support/wait-for';

import { PrometheusClient } from './client';
import { renderConfig, type PrometheusConfigOptions } from './config';

export const INSTALL_HINT = 'apt-get install -y --no-install-recommends prometheus';

export interface Prometheus extends PrometheusClient {
  /** Directory holding the config, the TSDB and prometheus.log. */
  readonly dir: string;
  waitFor<T>(description: string, probe: () => Promise<T | undefined | false>, options?: WaitOptions): Promise<T>;
  stop(): Promise<void>;
}

function requireBinary(): void {
  const probe = spawnSync('prometheus', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `the prometheus binary is required but was not found on PATH; install it with: ${INSTALL_HINT} (scripts/bootstrap.sh does this for npm test)`
    );
  }
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/-/ready`)).ok;
  } catch {
    return false;
  }
}

/** Retried on a new port when another process took the free port first. */
export interface PrometheusProcessOptions {
  /** Listen port on 127.0.0.1; default a free one. */
  port?: number;
  /** Directory for config, TSDB and log, owned by the caller (kept at stop); default a temp dir removed at stop. */
  dir?: string;
}

export async function startPrometheus(
  options: PrometheusConfigOptions,
  process: PrometheusProcessOptions = {}
): Promise<Prometheus> {
  requireBinary();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, process);
    } catch (error) {
      if (!/address already in use/i.test(String(error)) || attempt === 3 || process.port !== undefined) {
        throw error;
      }
    }
  }
}

async function startOnce(options: PrometheusConfigOptions, owner: PrometheusProcessOptions): Promise<Prometheus> {
  const ownDir = owner.dir === undefined;
  const dir = owner.dir ?? mkdtempSync(join(tmpdir(), 'kl-prometheus-'));
  mkdirSync(dir, { recursive: true });
  const removeDir = () => ownDir && rmSync(dir, { recursive: true, force: true });
  const configFile = join(dir, 'prometheus.yml');
  const pgidFile = join(dir, 'pgids');
  writeFileSync(configFile, renderConfig(options));
  writeFileSync(pgidFile, '');
  startWatchdog(pgidFile, ownDir ? dir : pgidFile);
  const port = owner.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const server: ManagedProcess = startProcess(
    'prometheus',
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
      '--log.level=warn',
    ],
    join(dir, 'prometheus.log'),
    pgidFile
  );
  const client = new PrometheusClient(url);
  try {
    await waitFor(
      'prometheus to be ready',
      async () => {
        if (server.hasExited()) {
          throw new Error(`prometheus exited:\n${logTail(server)}`);
        }
        return ready(url);
      },
      { timeoutMs: 20_000, intervalMs: 100 }
    );
  } catch (error) {
    await stopProcess(server);
    removeDir();
    throw error;
  }
  return Object.assign(client, {
    dir,
    waitFor,
    async stop() {
      await stopProcess(server);
      removeDir();
    },
  });
}
