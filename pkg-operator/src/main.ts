// `lambda-operator run [--flags]`: the operator process. SIGTERM/SIGINT stop it gracefully.
import { ConfigError, loadConfig } from './config/config';
import { startOperator } from './operator';
import { otlpTracer } from './tracing/otlp-tracer';

export async function runMain(argv: string[]): Promise<number> {
  let config;
  try {
    config = loadConfig(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`lambda-operator: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const tracer = config.tracingEndpoint ? otlpTracer(config.tracingEndpoint, config.identity) : undefined;
  const operator = await startOperator(config, { tracer });
  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  });
  await operator.stop();
  return 0;
}
