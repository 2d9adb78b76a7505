// Entry point of the Node.js function wrapper (bundled into wrapper.js for function images).
import { performance } from 'node:perf_hooks';

import { ConfigError, readConfig } from './config';
import { loadHandler } from './handler';
import { logLine } from './log';
import { createFunctionMetrics } from './metrics';
import { createWrapperServer } from './server';

function start(): void {
  const config = readConfig(process.env);
  const identity = { function: config.functionName, namespace: config.namespace, runtime: config.runtime };
  const metrics = createFunctionMetrics(identity);
  const loaded = loadHandler(config.handler, process.cwd());
  if ('importError' in loaded) {
    logLine('error', 'handler could not be loaded; every invocation will fail with error_type="import"', {
      ...identity,
      error: loaded.importError,
    });
  }
  const server = createWrapperServer(config, loaded, metrics);
  server.listen(config.port, config.listenAddress, () => {
    const initSeconds = performance.now() / 1000;
    metrics.recordInit(initSeconds);
    logLine('info', 'listening', {
      ...identity,
      address: config.listenAddress,
      port: config.port,
      init_duration_ms: Math.round(initSeconds * 1000),
    });
  });
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), config.timeoutMs).unref();
  });
}

try {
  start();
} catch (error) {
  if (!(error instanceof ConfigError)) {
    throw error;
  }
  logLine('error', `configuration error: ${error.message}`, {});
  process.exit(2);
}
