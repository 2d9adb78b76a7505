import { RUNTIME_ENV, type Runtime } from '../../../../contract';

export const RUNTIME: Runtime = 'nodejs';

export interface WrapperConfig {
  functionName: string;
  namespace: string;
  runtime: Runtime;
  /** `<module path relative to the working directory>.<exported function>`, e.g. `index.handler`. */
  handler: string;
  timeoutMs: number;
  port: number;
  listenAddress: string;
}

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HANDLER = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+\.[A-Za-z_$][A-Za-z0-9_$]*$/;

export class ConfigError extends Error {}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) {
    throw new ConfigError(`${name} is required (the operator sets it on every function container)`);
  }
  return value;
}

function dnsName(env: NodeJS.ProcessEnv, name: string): string {
  const value = required(env, name);
  if (!NAME.test(value)) {
    throw new ConfigError(`${name}=${JSON.stringify(value)} is not a Kubernetes object name (RFC 1123 label)`);
  }
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} must be a number in (0, ${max}]`);
  }
  return value;
}

/** Reads the operator's env contract (contract RUNTIME_ENV); throws ConfigError naming the bad variable. */
export function readConfig(env: NodeJS.ProcessEnv): WrapperConfig {
  const runtime = env[RUNTIME_ENV.runtime];
  if (runtime && runtime !== RUNTIME) {
    throw new ConfigError(`${RUNTIME_ENV.runtime}=${runtime} but this is the ${RUNTIME} wrapper`);
  }
  const handler = required(env, RUNTIME_ENV.handler);
  if (!HANDLER.test(handler)) {
    throw new ConfigError(
      `${RUNTIME_ENV.handler}=${JSON.stringify(handler)} must look like "module.function" or "dir/module.function"`
    );
  }
  const port = positiveNumber(env, RUNTIME_ENV.port, 8080, 65535);
  if (!Number.isInteger(port)) {
    throw new ConfigError(`${RUNTIME_ENV.port}=${port} must be an integer`);
  }
  return {
    functionName: dnsName(env, RUNTIME_ENV.function),
    namespace: dnsName(env, RUNTIME_ENV.namespace),
    runtime: RUNTIME,
    handler,
    timeoutMs: positiveNumber(env, RUNTIME_ENV.timeoutSeconds, 30, 3600) * 1000,
    port,
    listenAddress: env[RUNTIME_ENV.listenAddress] || '0.0.0.0',
  };
}
