// A test-owned RabbitMQ (Debian's rabbitmq-server) on 127.0.0.1: its own epmd, node name, ports and data dir,
// the rabbitmq_prometheus plugin with per-object metrics, statistics every second. A watchdog stops it if the
// test process dies; restart() keeps the data (to show that confirmed messages survive).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ManagedProcess } from '../../../local/control-plane/processes';
import { freePort, startProcess, startWatchdog, stopProcess, waitUntil } from '../../../local/control-plane/processes';

export const RABBITMQ_INSTALL_HINT = 'apt-get install -y --no-install-recommends rabbitmq-server';

export interface RabbitMQ {
  amqpUrl: string;
  /** host:port of the Prometheus endpoint (`/metrics`, per-object) */
  prometheusAddress: string;
  /** SIGKILL the broker (epmd and the data stay) */
  kill(): Promise<void>;
  /** start the broker again on the same ports and data */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian links /usr/sbin/rabbitmq-server to a wrapper that su's to the rabbitmq user; run the real script. */
function serverScript(): string {
  const found = spawnSync('sh', ['-c', 'PATH="$PATH:/usr/sbin:/usr/lib/rabbitmq/bin" command -v rabbitmq-server'], {
    encoding: 'utf8',
  }).stdout.trim();
  if (!found) {
    throw new Error(
      `rabbitmq-server is required by this test but was not found; install it with: ${RABBITMQ_INSTALL_HINT}`
    );
  }
  const real = fs.realpathSync(found);
  return path.basename(real) === 'rabbitmq-script-wrapper' ? path.join(path.dirname(real), 'rabbitmq-server') : real;
}

export async function startRabbitMQ(): Promise<RabbitMQ> {
  const script = serverScript();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-rabbitmq-'));
  const pgidFile = path.join(dir, 'pgids');
  fs.writeFileSync(pgidFile, '');
  startWatchdog(pgidFile, dir);
  const [amqpPort, distPort, prometheusPort, epmdPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const config = path.join(dir, 'rabbitmq.conf');
  fs.writeFileSync(
    config,
    [
      `listeners.tcp.default = 127.0.0.1:${amqpPort}`,
      `prometheus.tcp.ip = 127.0.0.1`,
      `prometheus.tcp.port = ${prometheusPort}`,
      'prometheus.return_per_object_metrics = true',
      'collect_statistics_interval = 1000',
      '',
    ].join('\n')
  );
  fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[rabbitmq_prometheus].\n');
  const env: Record<string, string> = {
    HOME: dir,
    ERL_EPMD_PORT: String(epmdPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_NODENAME: `kl-test-${process.pid}-${amqpPort}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_CONFIG_FILE: config,
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(dir, 'advanced.config'),
    RABBITMQ_CONF_ENV_FILE: path.join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_PID_FILE: path.join(dir, 'rabbitmq.pid'),
    RABBITMQ_LOGS: '-',
  };
  const epmd = startProcess(
    'epmd',
    'epmd',
    ['-port', String(epmdPort), '-address', '127.0.0.1'],
    path.join(dir, 'epmd.log'),
    pgidFile
  );
  const metricsUrl = `http://127.0.0.1:${prometheusPort}/metrics`;
  let broker: ManagedProcess;
  const launch = async () => {
    // `env` execs the script in place, so the process group is still the broker's
    const assignments = Object.entries(env).map(([name, value]) => `${name}=${value}`);
    broker = startProcess('rabbitmq', 'env', [...assignments, script], path.join(dir, 'rabbitmq.log'), pgidFile);
    await waitUntil('RabbitMQ to serve metrics', async () => (await fetch(metricsUrl)).ok, 60_000, [broker, epmd]);
  };
  try {
    await launch();
  } catch (err) {
    await stopProcess(epmd);
    throw err;
  }
  return {
    amqpUrl: `amqp://guest:guest@127.0.0.1:${amqpPort}`,
    prometheusAddress: `127.0.0.1:${prometheusPort}`,
    kill: () => stopProcess(broker, 0),
    restart: launch,
    async stop() {
      await stopProcess(broker, 10_000);
      await stopProcess(epmd);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
