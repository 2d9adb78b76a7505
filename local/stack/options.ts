// `npm start` flags. Every port defaults to a free one on 127.0.0.1.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface StackOptions {
  stateDir: string;
  /** 0 = a free port */
  hostPort: number;
  prometheusPort: number;
  /** how long a function with minReplicas 0 may sit without requests before it is scaled to zero */
  idleWindowSeconds: number;
  /** traffic to the demo functions stops by itself after this long; 0 = no traffic */
  trafficSeconds: number;
  /** apply examples/ once the operator runs */
  examples: boolean;
  /** Tempo's URL; without it there is no Tempo datasource */
  tempoUrl?: string;
}

export const DEFAULT_TRAFFIC_SECONDS = 2 * 3600;
export const DEFAULT_IDLE_WINDOW_SECONDS = 60;

export const HELP = `npm start [-- flags]   the whole product on 127.0.0.1 (local/README.md)

  --state-dir DIR          settings, logs and Prometheus data (default ~/.local/state/knative-lambda)
  --port N                 the Grafana-shaped host (default: a free port)
  --prometheus-port N      Prometheus (default: a free port)
  --idle-window SECONDS    scale a minReplicas-0 function to zero after this idle time (default ${DEFAULT_IDLE_WINDOW_SECONDS})
  --traffic SECONDS        drive the demo functions for this long, then stop (default ${DEFAULT_TRAFFIC_SECONDS}; 0 = none)
  --no-examples            do not apply examples/ (an empty cluster with the operator)
  --tempo-url URL          configure a Tempo datasource at this URL (there is no Tempo in the stack)
  --help                   this text`;

export class UsageError extends Error {}

function nonNegativeInteger(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new UsageError(`${flag} must be a non-negative integer, got "${value}"`);
  }
  return n;
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'knative-lambda');
}

/** Parses argv; returns null when --help was asked for. */
export function parseStackOptions(argv: string[]): StackOptions | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'state-dir': { type: 'string' },
        port: { type: 'string' },
        'prometheus-port': { type: 'string' },
        'idle-window': { type: 'string' },
        traffic: { type: 'string' },
        'no-examples': { type: 'boolean' },
        'tempo-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    return null;
  }
  const idle = nonNegativeInteger(v['idle-window'], '--idle-window', DEFAULT_IDLE_WINDOW_SECONDS);
  if (idle === 0) {
    throw new UsageError('--idle-window must be at least 1 second');
  }
  return {
    stateDir: v['state-dir'] ?? defaultStateDir(),
    hostPort: nonNegativeInteger(v.port, '--port', 0),
    prometheusPort: nonNegativeInteger(v['prometheus-port'], '--prometheus-port', 0),
    idleWindowSeconds: idle,
    trafficSeconds: nonNegativeInteger(v.traffic, '--traffic', DEFAULT_TRAFFIC_SECONDS),
    examples: !v['no-examples'],
    tempoUrl: v['tempo-url'],
  };
}
