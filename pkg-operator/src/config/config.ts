// The operator's configuration from flags (--name=value) with environment fallbacks. Bad values fail at
// startup with the flag named.
import * as os from 'node:os';
import * as path from 'node:path';

import type { Runtime } from '../../../contract';
import { DEFAULT_BASE_IMAGES } from '../build/dockerfile';
import type { BuildSettings } from '../build/kaniko-job';
import { DEFAULT_BUILD_SETTINGS } from '../build/kaniko-job';
import type { OperatorSettings } from '../controller/context';
import { dlqForwarderUrl } from '../naming/names';

import { parseBytes } from './quantity';

export interface OperatorConfig {
  metricsHost: string;
  metricsPort: number;
  leaderElection: boolean;
  leaseNamespace: string;
  leaseName: string;
  identity: string;
  /** the operator's own ServiceAccount (named in messages that ask an admin to grant it something) */
  serviceAccount: string;
  /** watch only this namespace; all when undefined */
  namespace?: string;
  workers: number;
  scratchLimitBytes: number;
  maxConcurrentFetches: number;
  allowSourceHosts: string[];
  tmpDir: string;
  runtimesDir: string;
  tracingEndpoint?: string;
  kubeconfig?: string;
  settings: OperatorSettings;
}

export class ConfigError extends Error {}

type Flags = Record<string, string>;

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = {};
  for (const arg of argv) {
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      throw new ConfigError(`unexpected argument "${arg}" (flags look like --name=value)`);
    }
    flags[match[1]] = match[2] ?? 'true';
  }
  return flags;
}

function reader(flags: Flags, env: NodeJS.ProcessEnv) {
  const used = new Set<string>();
  const get = (flag: string, envName: string | undefined, fallback: string): string => {
    used.add(flag);
    return flags[flag] ?? (envName ? env[envName] : undefined) ?? fallback;
  };
  const int = (flag: string, envName: string | undefined, fallback: number, min: number, max: number): number => {
    const raw = get(flag, envName, String(fallback));
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new ConfigError(`--${flag}=${raw}: expected an integer in [${min}, ${max}]`);
    }
    return n;
  };
  const bool = (flag: string, envName: string | undefined, fallback: boolean): boolean => {
    const raw = get(flag, envName, String(fallback));
    if (raw !== 'true' && raw !== 'false') {
      throw new ConfigError(`--${flag}=${raw}: expected true or false`);
    }
    return raw === 'true';
  };
  const bytes = (flag: string, envName: string | undefined, fallback: string): number => {
    try {
      return parseBytes(get(flag, envName, fallback));
    } catch (err) {
      throw new ConfigError(`--${flag}: ${(err as Error).message}`);
    }
  };
  const unknown = () => Object.keys(flags).filter((f) => !used.has(f));
  return { get, int, bool, bytes, unknown };
}

function hostPort(flag: string, value: string): { host: string; port: number } {
  const match = /^(.*):([0-9]+)$/.exec(value);
  if (!match) {
    throw new ConfigError(`--${flag}=${value}: expected [host]:port`);
  }
  return { host: match[1] || '0.0.0.0', port: Number(match[2]) };
}

function httpUrl(flag: string, value: string): string {
  if (!/^https?:\/\/[^/?#]+\/?$/.test(value)) {
    throw new ConfigError(`--${flag}=${value}: expected http(s)://host[:port] without a path`);
  }
  return value.replace(/\/$/, '');
}

const DEFAULT_RUNTIMES_DIR = path.resolve(__dirname, '../../runtimes');

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): OperatorConfig {
  const r = reader(parseFlags(argv), env);
  const metrics = hostPort('metrics-bind-address', r.get('metrics-bind-address', 'METRICS_BIND_ADDRESS', ':8080'));
  const [rabbitNamespace, rabbitName] = r
    .get('rabbitmq-cluster', 'LAMBDA_RABBITMQ_CLUSTER', 'rabbitmq-system/rabbitmq')
    .split('/');
  if (!rabbitNamespace || !rabbitName) {
    throw new ConfigError('--rabbitmq-cluster: expected namespace/name');
  }
  const baseImages = Object.fromEntries(
    (Object.keys(DEFAULT_BASE_IMAGES) as Runtime[]).map((rt) => [
      rt,
      r.get(`base-image-${rt}`, undefined, DEFAULT_BASE_IMAGES[rt]),
    ])
  ) as Record<Runtime, string>;
  const build: BuildSettings = {
    ...DEFAULT_BUILD_SETTINGS,
    kanikoImage: r.get('kaniko-image', 'LAMBDA_KANIKO_IMAGE', DEFAULT_BUILD_SETTINGS.kanikoImage),
    helperImage: r.get('helper-image', 'LAMBDA_HELPER_IMAGE', DEFAULT_BUILD_SETTINGS.helperImage),
    insecureRegistry: r.bool('insecure-registry', 'LAMBDA_INSECURE_REGISTRY', false),
    registrySecret: r.get('registry-secret', 'LAMBDA_REGISTRY_SECRET', '') || undefined,
  };
  const operatorNamespace = r.get('leader-election-namespace', 'POD_NAMESPACE', 'knative-lambda');
  const serviceAccount = r.get('service-account', 'POD_SERVICE_ACCOUNT', 'knative-lambda-operator');
  const config: OperatorConfig = {
    metricsHost: metrics.host,
    metricsPort: metrics.port,
    leaderElection: r.bool('leader-elect', 'LEADER_ELECT', true),
    leaseNamespace: operatorNamespace,
    leaseName: r.get('leader-election-id', undefined, 'knative-lambda-operator'),
    identity: r.get('identity', 'POD_NAME', `${os.hostname()}-${process.pid}`),
    serviceAccount,
    namespace: r.get('namespace', 'WATCH_NAMESPACE', '') || undefined,
    workers: r.int('workers', 'LAMBDA_WORKERS', 4, 1, 64),
    scratchLimitBytes: r.bytes('scratch-limit', 'LAMBDA_SCRATCH_LIMIT', '256Mi'),
    maxConcurrentFetches: r.int('max-concurrent-fetches', 'LAMBDA_MAX_CONCURRENT_FETCHES', 4, 1, 64),
    allowSourceHosts: r
      .get('allow-source-hosts', 'LAMBDA_ALLOW_SOURCE_HOSTS', '')
      .split(/[\s,]+/)
      .filter(Boolean),
    tmpDir: r.get('tmp-dir', 'TMPDIR', os.tmpdir()),
    runtimesDir: r.get('runtimes-dir', 'LAMBDA_RUNTIMES_DIR', DEFAULT_RUNTIMES_DIR),
    tracingEndpoint: r.get('tracing-endpoint', 'OTEL_EXPORTER_OTLP_ENDPOINT', '') || undefined,
    kubeconfig: r.get('kubeconfig', 'KUBECONFIG', '') || undefined,
    settings: {
      registry: r.get('registry', 'LAMBDA_REGISTRY', 'registry.knative-lambda.svc.cluster.local:5000'),
      build,
      baseImages,
      contextPartBytes: r.bytes('context-part-bytes', undefined, '768Ki'),
      maxContextBytes: r.bytes('max-context-bytes', 'LAMBDA_MAX_CONTEXT_BYTES', '8Mi'),
      rabbitCluster: { namespace: rabbitNamespace, name: rabbitName },
      operatorAccount: { namespace: operatorNamespace, serviceAccount },
      dlqForwarderUrl: httpUrl(
        'dlq-forwarder-url',
        r.get('dlq-forwarder-url', 'LAMBDA_DLQ_FORWARDER_URL', dlqForwarderUrl(operatorNamespace))
      ),
    },
  };
  if (config.settings.contextPartBytes > 900 * 1024) {
    throw new ConfigError('--context-part-bytes must stay below 900Ki (a ConfigMap holds at most 1MiB)');
  }
  const unknown = r.unknown();
  if (unknown.length > 0) {
    throw new ConfigError(`unknown flag(s): ${unknown.map((f) => `--${f}`).join(', ')}`);
  }
  return config;
}
