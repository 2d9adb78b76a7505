// The Prometheus history of the bench: OpenMetrics text for N functions, turned into TSDB blocks by promtool.
// Series as the PodMonitor's scrape produces them (function, namespace, runtime, pod, job) plus the operator's
// function_info; every raw series the Functions page's queries and the shipped recording rules read.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

import { FUNCTION_METRICS, OPERATOR_METRICS } from '../../../contract/metrics';
import { RULES_CONFIG } from '../../../rules/config';

export interface BenchFunction {
  namespace: string;
  name: string;
  runtime: string;
}

/** Samples every STEP_SECONDS over the last HISTORY_MINUTES: enough for the 5m rates the rules record. */
export const STEP_SECONDS = 60;
export const HISTORY_MINUTES = 10;

/** The job the PodMonitor gives function pods (matched by the rules' functionTargetsJobRegex). */
const FUNCTION_JOB = `${RULES_CONFIG.selectors.operatorNamespace}/knative-lambda-functions`;

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
}

/** Deterministic per-function traffic: most healthy, every 10th erroring, every 25th slow. */
function trafficOf(i: number) {
  const rate = 1 + (i % 7);
  const errorRatio = i % 10 === 3 ? 0.12 : 0.0002;
  const p95 = i % 25 === 7 ? 4 : 0.08;
  return { rate, errorRatio, p95 };
}

class SeriesWriter {
  private buffer: string[] = [];
  lines = 0;
  constructor(
    private readonly out: WriteStream,
    private readonly times: number[]
  ) {}

  family(name: string, type: 'counter' | 'gauge' | 'histogram'): void {
    this.buffer.push(`# TYPE ${name} ${type}\n`);
  }

  /** value(seconds since the first timestamp) at each timestamp */
  series(name: string, labels: Labels, value: (elapsed: number) => number): void {
    const l = labelText(labels);
    this.times.forEach((t) => this.buffer.push(`${name}{${l}} ${value(t - this.times[0])} ${t}\n`));
    this.lines += this.times.length;
  }

  async flush(): Promise<void> {
    if (!this.out.write(this.buffer.join(''))) {
      await once(this.out, 'drain');
    }
    this.buffer = [];
  }
}

function histogramFamily(
  w: SeriesWriter,
  base: string,
  buckets: readonly number[],
  id: Labels,
  perSecond: number,
  center: number
) {
  // the share of observations at or below `le`: a step at `center`, so the quantile lands near it
  const share = (le: number) => (le < center / 2 ? 0.02 : le < center ? 0.5 : le < center * 4 ? 0.97 : 1);
  for (const le of [...buckets.map(String), '+Inf']) {
    const s = le === '+Inf' ? 1 : share(Number(le));
    w.series(`${base}_bucket`, { ...id, le }, (e) => +(e * perSecond * s).toFixed(3));
  }
  w.series(`${base}_count`, id, (e) => +(e * perSecond).toFixed(3));
  w.series(`${base}_sum`, id, (e) => +(e * perSecond * center * 0.6).toFixed(3));
}

/** Timestamps every STEP_SECONDS from HISTORY_MINUTES before `startSeconds` to `aheadSeconds` after it. */
export function sampleTimes(startSeconds: number, aheadSeconds: number): number[] {
  const past = (HISTORY_MINUTES * 60) / STEP_SECONDS;
  const ahead = Math.floor(aheadSeconds / STEP_SECONDS);
  return Array.from({ length: past + ahead + 1 }, (_, k) => startSeconds + (k - past) * STEP_SECONDS);
}

/** Writes the OpenMetrics backfill for fns at `times`; returns the number of sample lines. */
export async function writeOpenMetrics(file: string, fns: BenchFunction[], times: number[]): Promise<number> {
  const out = createWriteStream(file);
  const w = new SeriesWriter(out, times);
  const ids = fns.map((f) => ({ function: f.name, namespace: f.namespace, runtime: f.runtime }));
  const scraped = (i: number): Labels => ({
    ...ids[i],
    pod: `${ids[i].function}-00001-deployment-0`,
    job: FUNCTION_JOB,
  });
  const each = async (fn: (i: number) => void) => {
    for (let i = 0; i < fns.length; i++) {
      fn(i);
      if (i % 200 === 199) {
        await w.flush();
      }
    }
    await w.flush();
  };
  const rate = (i: number) => trafficOf(i).rate;
  const base = (m: { name: string }) => m.name.replace(/_total$/, '');

  w.family(base(FUNCTION_METRICS.invocations), 'counter');
  await each((i) => {
    const { errorRatio } = trafficOf(i);
    w.series(
      FUNCTION_METRICS.invocations.name,
      { ...scraped(i), status: 'success' },
      (e) => +(e * rate(i) * (1 - errorRatio)).toFixed(3)
    );
    w.series(
      FUNCTION_METRICS.invocations.name,
      { ...scraped(i), status: 'error' },
      (e) => +(e * rate(i) * errorRatio).toFixed(3)
    );
  });
  w.family(base(FUNCTION_METRICS.errors), 'counter');
  await each((i) =>
    w.series(
      FUNCTION_METRICS.errors.name,
      { ...scraped(i), error_type: 'handler' },
      (e) => +(e * rate(i) * trafficOf(i).errorRatio).toFixed(3)
    )
  );
  w.family(base(FUNCTION_METRICS.coldStarts), 'counter');
  await each((i) => w.series(FUNCTION_METRICS.coldStarts.name, scraped(i), (e) => Math.floor(e / 240) + 1));
  w.family(FUNCTION_METRICS.duration.name, 'histogram');
  await each((i) =>
    histogramFamily(
      w,
      FUNCTION_METRICS.duration.name,
      FUNCTION_METRICS.duration.buckets,
      scraped(i),
      rate(i),
      trafficOf(i).p95
    )
  );
  w.family(FUNCTION_METRICS.initDuration.name, 'histogram');
  await each((i) =>
    histogramFamily(
      w,
      FUNCTION_METRICS.initDuration.name,
      FUNCTION_METRICS.initDuration.buckets,
      scraped(i),
      0.25 / STEP_SECONDS,
      0.4
    )
  );
  w.family(FUNCTION_METRICS.inFlight.name, 'gauge');
  await each((i) => w.series(FUNCTION_METRICS.inFlight.name, scraped(i), () => i % 3));
  w.family('up', 'gauge');
  await each((i) => w.series('up', scraped(i), () => 1));
  w.family(OPERATOR_METRICS.functionInfo.name, 'gauge');
  await each((i) =>
    w.series(
      OPERATOR_METRICS.functionInfo.name,
      { ...ids[i], phase: 'Ready', job: RULES_CONFIG.selectors.operatorJob },
      () => 1
    )
  );
  out.end('# EOF\n');
  await once(out, 'finish');
  return w.lines;
}

/** promtool tsdb create-blocks-from openmetrics <file> <tsdbDir>; fails loudly without promtool. */
export async function createBlocks(file: string, tsdbDir: string): Promise<void> {
  const child = spawn('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdbDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
  const [code, error] = await Promise.race([
    once(child, 'exit').then(([c]) => [c as number | null, undefined] as const),
    once(child, 'error').then(([e]) => [null, e as Error] as const),
  ]);
  if (error || code !== 0) {
    throw new Error(
      `promtool tsdb create-blocks-from openmetrics failed (${error ? error.message : `exit ${code}`}); ` +
        `promtool comes with Debian's prometheus package (apt-get install -y --no-install-recommends prometheus):\n${stderr}`
    );
  }
}
