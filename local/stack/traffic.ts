// Drives the demo functions through their URLs (so through the local activator) with the loopback-only traffic
// generator, in short rounds so that it stops promptly, and by itself once the time is up.
import type { KubeConfig } from '@kubernetes/client-node';
import { CustomObjectsApi } from '@kubernetes/client-node';

import { generateTraffic } from '../../pkg-operator/runtimes/traffic/generate';
import { LAMBDA_GROUP, LAMBDA_PLURAL, LAMBDA_VERSION, type LambdaFunction } from '../../pkg-operator/src/api';

import { DEMO_TRAFFIC, roundFor, type TrafficProfile } from './traffic-plan';

const ROUND_SECONDS = 10;
/** a round waits for its slowest request: report-python's timeouts take the function timeout (30 s) and more */
const SLOWEST_DEMO_SECONDS = 40;
const MAX_ROUNDS_IN_FLIGHT = 6;

export interface TrafficOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  durationSeconds: number;
  plan?: Record<string, TrafficProfile>;
  log?: (line: string) => void;
}

export interface RunningTraffic {
  /** requests sent so far, per function */
  readonly sent: Record<string, number>;
  stop(): Promise<void>;
}

async function readyUrls(api: CustomObjectsApi, namespace: string): Promise<Map<string, string>> {
  const list = (await api.listNamespacedCustomObject({
    group: LAMBDA_GROUP,
    version: LAMBDA_VERSION,
    namespace,
    plural: LAMBDA_PLURAL,
  })) as { items: LambdaFunction[] };
  const urls = new Map<string, string>();
  for (const fn of list.items) {
    const url = fn.status?.service?.url;
    if (url && fn.status?.phase === 'Ready' && fn.metadata.name) {
      urls.set(fn.metadata.name, url);
    }
  }
  return urls;
}

export function startTraffic(options: TrafficOptions): RunningTraffic {
  const api = options.kubeConfig.makeApiClient(CustomObjectsApi);
  const plan = options.plan ?? DEMO_TRAFFIC;
  const sent: Record<string, number> = {};
  const started = Date.now();
  const until = started + options.durationSeconds * 1000;
  let stopped = false;
  const inFlight = new Map<string, number>();
  const loop = (async () => {
    while (!stopped && Date.now() < until) {
      const roundStart = Date.now();
      const elapsed = (roundStart - started) / 1000;
      let urls = new Map<string, string>();
      try {
        urls = await readyUrls(api, options.namespace);
      } catch (error) {
        options.log?.(`traffic: cannot list functions: ${(error as Error).message}`);
      }
      const rounds = Object.entries(plan).flatMap(([name, profile]) => {
        const url = urls.get(name);
        const round = url ? roundFor(profile, elapsed, ROUND_SECONDS) : null;
        return url && round ? [{ name, url, round }] : [];
      });
      for (const { name, url, round } of rounds) {
        if ((inFlight.get(name) ?? 0) >= MAX_ROUNDS_IN_FLIGHT) {
          continue;
        }
        inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
        generateTraffic({
          targets: [{ name, url }],
          ratePerSecond: round.ratePerSecond,
          count: round.count,
          maxSeconds: ROUND_SECONDS + SLOWEST_DEMO_SECONDS,
        })
          .then((summary) => (sent[name] = (sent[name] ?? 0) + summary.targets[name].sent))
          .catch((error: Error) => options.log?.(`traffic to ${name}: ${error.message}`))
          .finally(() => inFlight.set(name, (inFlight.get(name) ?? 1) - 1));
      }
      const rest = roundStart + ROUND_SECONDS * 1000 - Date.now();
      if (rest > 0 && !stopped) {
        await new Promise((resolve) => setTimeout(resolve, rest).unref());
      }
    }
    options.log?.(stopped ? 'traffic: stopped' : `traffic: ${options.durationSeconds} s are up, no more requests`);
  })();
  return {
    sent,
    async stop() {
      stopped = true;
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
