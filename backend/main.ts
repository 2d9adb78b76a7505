// Entry point of the backend executable that Grafana starts (one process per plugin, shared by all orgs).
// go-plugin contract: check the magic cookie, listen on loopback, then print exactly one handshake line.
import './log/capture-first';
import { k8s } from './kube/client-module';
import { sealStdout } from './log/capture-output';
import { logger } from './log/hclog';
import type { PluginServer } from './protocol/plugin-server';
import { startPluginServer } from './protocol/plugin-server';

const MAGIC_COOKIE_KEY = 'grafana_plugin_type';
const MAGIC_COOKIE_VALUE = 'datasource';
const CORE_PROTOCOL_VERSION = 1;
const APP_PROTOCOL_VERSION = 2;
const PARENT_CHECK_MS = 1000;

function supportsProtocol(): boolean {
  const offered = process.env.PLUGIN_PROTOCOL_VERSIONS;
  return (
    !offered ||
    offered
      .split(',')
      .map((v) => v.trim())
      .includes(String(APP_PROTOCOL_VERSION))
  );
}

async function main(): Promise<void> {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    logger.error('This binary is a Grafana plugin backend; it is started by Grafana, not directly.');
    process.exit(1);
  }
  if (!supportsProtocol()) {
    logger.error('the host offers no supported plugin protocol version', {
      offered: process.env.PLUGIN_PROTOCOL_VERSIONS,
      supported: APP_PROTOCOL_VERSION,
    });
    process.exit(1);
  }
  let plugin: PluginServer | undefined;
  let exiting = false;
  const exit = (reason: string) => {
    if (exiting) {
      return;
    }
    exiting = true;
    logger.info('backend stopping', { reason });
    const hardStop = setTimeout(() => process.exit(0), 1500);
    hardStop.unref();
    void (plugin?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  // Installed before the handshake: a signal may arrive the moment the host has read it.
  // A terminal Ctrl-C reaches Grafana's whole process group: Grafana stops its plugins itself.
  process.on('SIGINT', () => logger.debug('ignoring SIGINT; Grafana stops the plugin'));
  process.on('SIGTERM', () => exit('SIGTERM'));
  plugin = await startPluginServer(() => exit('Shutdown RPC'));
  process.stdout.write(`${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|tcp|127.0.0.1:${plugin.port}|grpc\n`);
  sealStdout();
  logger.info('backend started', { port: plugin.port, pid: process.pid, node: process.version });
  setImmediate(k8s);

  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && exit('parent process exited'), PARENT_CHECK_MS).unref();
}

main().catch((err: Error) => {
  logger.error('backend failed to start', { error: err.stack ?? err.message });
  process.exit(1);
});
