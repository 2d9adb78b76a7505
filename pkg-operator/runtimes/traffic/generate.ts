// Traffic generator for the function wrappers: drives loopback targets at a set rate, bounded in count and time,
// and reports what it sent and how each request ended, so tests can compare Prometheus with what really happened.
// CLI: tsx generate.ts --target name=http://127.0.0.1:8080/ [--target …] --rate 20 --count 200 --max-seconds 30
//      [--concurrency 128] [--mode plain|binary|structured]
import { parseArgs } from 'node:util';

import { assertLoopbackUrl } from './loopback';
import { tracedRequest, type EventMode } from './request';

export const LIMITS = { count: 100_000, ratePerSecond: 10_000, maxSeconds: 3600, concurrency: 1024 } as const;
const RESPONSE_TYPE_PREFIX = 'io.knative.lambda.response.';

/** success | error | timeout from the reply's ce-type; `no_reply` when the request failed without an answer. */
export type Outcome = 'success' | 'error' | 'timeout' | 'no_event' | 'no_reply';

export interface TrafficTarget {
  name: string;
  url: string;
}

export interface TrafficOptions {
  targets: TrafficTarget[];
  /** Requests per second to EACH target. */
  ratePerSecond: number;
  /** Requests to EACH target. */
  count: number;
  maxSeconds: number;
  /** Most requests in flight at once over all targets; further ticks wait. Default 128. */
  concurrency?: number;
  mode?: EventMode;
}

export interface TargetSummary {
  url: string;
  sent: number;
  outcomes: Record<Outcome, number>;
  httpStatus: Record<string, number>;
  traceIds: string[];
}

export interface TrafficSummary {
  startedAt: number;
  finishedAt: number;
  durationSeconds: number;
  ratePerSecond: number;
  mode: EventMode;
  stoppedBy: 'count' | 'time';
  targets: Record<string, TargetSummary>;
}

function checkBounds(options: TrafficOptions): void {
  const within = (value: number, max: number) => Number.isFinite(value) && value > 0 && value <= max;
  if (!within(options.count, LIMITS.count) || !Number.isInteger(options.count)) {
    throw new Error(`count must be an integer in [1, ${LIMITS.count}]`);
  }
  if (!within(options.ratePerSecond, LIMITS.ratePerSecond)) {
    throw new Error(`rate must be in (0, ${LIMITS.ratePerSecond}] requests per second`);
  }
  if (!within(options.maxSeconds, LIMITS.maxSeconds)) {
    throw new Error(`max-seconds must be in (0, ${LIMITS.maxSeconds}]`);
  }
  if (!within(options.concurrency ?? 1, LIMITS.concurrency)) {
    throw new Error(`concurrency must be in [1, ${LIMITS.concurrency}]`);
  }
  if (options.targets.length === 0 || new Set(options.targets.map((t) => t.name)).size !== options.targets.length) {
    throw new Error('give at least one target, each with a distinct name');
  }
}

function emptySummary(url: string): TargetSummary {
  return {
    url,
    sent: 0,
    outcomes: { success: 0, error: 0, timeout: 0, no_event: 0, no_reply: 0 },
    httpStatus: {},
    traceIds: [],
  };
}

async function send(target: TargetSummary, mode: EventMode, seq: number, deadline: number): Promise<void> {
  const { traceId, init } = tracedRequest(mode, { seq }, AbortSignal.timeout(Math.max(deadline - Date.now(), 1)));
  target.sent += 1;
  target.traceIds.push(traceId);
  try {
    const response = await fetch(target.url, init);
    await response.arrayBuffer();
    target.httpStatus[response.status] = (target.httpStatus[response.status] ?? 0) + 1;
    const type = response.headers.get('ce-type') ?? '';
    const outcome = type.startsWith(RESPONSE_TYPE_PREFIX)
      ? (type.slice(RESPONSE_TYPE_PREFIX.length) as Outcome)
      : 'no_event';
    target.outcomes[outcome in target.outcomes ? outcome : 'no_event'] += 1;
  } catch {
    target.outcomes.no_reply += 1;
  }
}

export async function generateTraffic(options: TrafficOptions): Promise<TrafficSummary> {
  checkBounds(options);
  const urls = options.targets.map((t) => assertLoopbackUrl(t.url).toString());
  const mode = options.mode ?? 'binary';
  const concurrency = options.concurrency ?? 128;
  const summaries = options.targets.map((_, i) => emptySummary(urls[i]));
  const started = Date.now();
  const deadline = started + options.maxSeconds * 1000;
  const inFlight = new Set<Promise<void>>();
  let stoppedBy: TrafficSummary['stoppedBy'] = 'count';
  for (let seq = 0; seq < options.count; seq++) {
    const due = started + (seq * 1000) / options.ratePerSecond;
    if (due >= deadline) {
      stoppedBy = 'time';
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(due - Date.now(), 0)));
    for (const summary of summaries) {
      while (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
      }
      const request = send(summary, mode, seq, deadline).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
  }
  await Promise.all(inFlight);
  const finished = Date.now();
  return {
    startedAt: started / 1000,
    finishedAt: finished / 1000,
    durationSeconds: (finished - started) / 1000,
    ratePerSecond: options.ratePerSecond,
    mode,
    stoppedBy,
    targets: Object.fromEntries(options.targets.map((t, i) => [t.name, summaries[i]])),
  };
}

function parseCli(argv: string[]): TrafficOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string', multiple: true },
      rate: { type: 'string', default: '10' },
      count: { type: 'string', default: '100' },
      'max-seconds': { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '128' },
      mode: { type: 'string', default: 'binary' },
    },
  });
  const targets = (values.target ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new Error(`--target ${spec}: expected name=url`);
    }
    return { name: spec.slice(0, eq), url: spec.slice(eq + 1) };
  });
  if (!['plain', 'binary', 'structured'].includes(values.mode)) {
    throw new Error(`--mode ${values.mode}: expected plain, binary or structured`);
  }
  return {
    targets,
    ratePerSecond: Number(values.rate),
    count: Number(values.count),
    maxSeconds: Number(values['max-seconds']),
    concurrency: Number(values.concurrency),
    mode: values.mode as EventMode,
  };
}

if (require.main === module) {
  generateTraffic(parseCli(process.argv.slice(2)))
    .then((summary) => {
      const printable = Object.fromEntries(
        Object.entries(summary.targets).map(([name, t]) => [
          name,
          { ...t, traceIds: undefined, traceIdSample: t.traceIds.slice(0, 3) },
        ])
      );
      console.log(JSON.stringify({ ...summary, targets: printable }, null, 2));
    })
    .catch((error: Error) => {
      console.error(`traffic generator: ${error.message}`);
      process.exit(2);
    });
}
