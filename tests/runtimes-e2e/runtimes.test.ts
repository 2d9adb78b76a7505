// End to end through a real Prometheus: the three runtimes run demo handlers as real processes, the traffic
// generator drives known traffic, and every check reads Prometheus's HTTP API with the shipped rules loaded.
// Rules file: provisioning/prometheus/knative-lambda.rules.yaml, copied with every alert `for:` shortened to 2s so
// alerts fire within the test (see rules-copy.ts); expressions are unchanged. Scrape and evaluation every 1s.
// Tolerances: raw counters must equal what the generator saw exactly; rates within 2% (rate() is evaluated so that
// it does not extrapolate, see that test); ratios within 0.005.
import { FUNCTION_METRICS, RUNTIMES } from '../../contract';
import type { Prometheus } from '../../local/prometheus';
import type { RunningRuntime } from '../../pkg-operator/runtimes/launch/start-runtime';
import type { TrafficSummary } from '../../pkg-operator/runtimes/traffic/generate';

import { NAMESPACE, TRAFFIC, functionName as name, startEnvironment, type E2eEnvironment } from './environment';
import { functionRecordingRules } from './rules-copy';

const { invocations, errors, duration, coldStarts, initDuration } = FUNCTION_METRICS;
const TRACE_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

const byLabel = (samples: Array<{ metric: Record<string, string>; value: number }>, label: string) =>
  Object.fromEntries(samples.map((s) => [s.metric[label], s.value]));

jest.setTimeout(180_000);

let env: E2eEnvironment;
let prometheus: Prometheus;
let running: Map<string, RunningRuntime>;
let traffic: TrafficSummary;

beforeAll(async () => {
  env = await startEnvironment();
  ({ prometheus, running, traffic } = env);
});

afterAll(() => env?.stop());

describe('function runtimes seen through Prometheus', () => {
  it('the generator got the outcomes the demo handlers inject', () => {
    for (const runtime of RUNTIMES) {
      expect(traffic.targets[name(runtime, 'flaky')].outcomes).toMatchObject({ success: 54, error: 6, no_reply: 0 });
      expect(traffic.targets[name(runtime, 'slow')].outcomes).toMatchObject({ success: 60 });
      expect(traffic.targets[name(runtime, 'sometimesTimeout')].outcomes).toMatchObject({ success: 48, timeout: 12 });
    }
  });

  it('counts invocations per function and status exactly as the generator saw them', async () => {
    const counted = await prometheus.query(`sum by (function, status) (${invocations.name}{namespace="${NAMESPACE}"})`);
    for (const fn of running.keys()) {
      const seen = traffic.targets[fn].outcomes;
      const mine = byLabel(
        counted.filter((s) => s.metric.function === fn),
        'status'
      );
      expect({ fn, ...mine }).toEqual({ fn, success: seen.success, error: seen.error, timeout: seen.timeout });
    }
    const errorTypes = await prometheus.query(
      `sum by (function, error_type) (${errors.name}{namespace="${NAMESPACE}"}) > 0`
    );
    expect(errorTypes.map((s) => `${s.metric.function}/${s.metric.error_type}=${s.value}`).sort()).toEqual(
      RUNTIMES.flatMap((r) => [`${name(r, 'flaky')}/handler=6`, `${name(r, 'sometimesTimeout')}/timeout=12`]).sort()
    );
  });

  it('invocation rates per runtime and status match what was sent (within 2%)', async () => {
    // Evaluated at each function's last scrape, over a window starting before its traffic at a 0 sample, rate()
    // extrapolates neither end, so rate × window is the number of invocations of that window.
    const measured: Record<string, number> = {};
    const sent: Record<string, number> = {};
    for (const fn of running.values()) {
      const selector = `${invocations.name}{function="${fn.spec.functionName}", namespace="${NAMESPACE}"}`;
      const [last] = await prometheus.query(`max(timestamp(${selector}))`);
      const window = Math.floor(last.value - traffic.startedAt) + 5;
      for (const sample of await prometheus.query(`rate(${selector}[${window}s])`, last.value)) {
        const key = `${fn.spec.runtime}/${sample.metric.status}`;
        measured[key] = (measured[key] ?? 0) + sample.value;
        sent[key] =
          (sent[key] ?? 0) + traffic.targets[fn.spec.functionName].outcomes[sample.metric.status as 'success'] / window;
      }
    }
    expect(Object.keys(measured).sort()).toEqual(
      RUNTIMES.flatMap((r) => ['error', 'success', 'timeout'].map((s) => `${r}/${s}`)).sort()
    );
    for (const key of Object.keys(measured)) {
      expect({ key, withinTolerance: Math.abs(measured[key] - sent[key]) <= sent[key] * 0.02 }).toEqual({
        key,
        withinTolerance: true,
      });
    }
  });

  it('the error ratio and knative_lambda:function_error_rate:5m equal the injected 10% (and 20% timeouts)', async () => {
    const ratio = await prometheus.query(
      `sum by (runtime) (rate(${errors.name}{function=~".*-flaky"}[5m])) / sum by (runtime) (rate(${invocations.name}{function=~".*-flaky"}[5m]))`
    );
    expect(Object.keys(byLabel(ratio, 'runtime')).sort()).toEqual([...RUNTIMES].sort());
    ratio.forEach((s) => expect(s.value).toBeCloseTo(0.1, 2));
    // the rule is evaluated every second: wait for an evaluation that saw the last scrape, then check
    const expected = (fn: string) => (fn.endsWith('-flaky') ? 0.1 : fn.endsWith('-slow') ? 0 : 0.2);
    let rates: Record<string, number> = {};
    await prometheus
      .waitFor(
        'the error-rate recording rule to reflect all the traffic',
        async () => {
          rates = byLabel(
            await prometheus.query(`knative_lambda:function_error_rate:5m{namespace="${NAMESPACE}"}`),
            'function'
          );
          return [...running.keys()].every((fn) => Math.abs(rates[fn] - expected(fn)) < 0.005) || undefined;
        },
        { timeoutMs: 15_000 }
      )
      .catch(() => undefined);
    for (const runtime of RUNTIMES) {
      expect(rates[name(runtime, 'flaky')]).toBeCloseTo(0.1, 2);
      expect(rates[name(runtime, 'slow')]).toBe(0);
      expect(rates[name(runtime, 'sometimesTimeout')]).toBeCloseTo(0.2, 2);
    }
  });

  it('P95 of the slow handler lies in its (0.25, 0.5] bucket, directly and via the recording rule', async () => {
    const p95 = await prometheus.query(
      `histogram_quantile(0.95, sum by (le, runtime) (rate(${duration.name}_bucket{function=~".*-slow"}[5m])))`
    );
    expect(p95).toHaveLength(3);
    for (const s of p95) {
      expect({ runtime: s.metric.runtime, inBucket: s.value > 0.25 && s.value <= 0.5 }).toEqual({
        runtime: s.metric.runtime,
        inBucket: true,
      });
    }
    const recorded = await prometheus.query(`knative_lambda:function_duration_seconds:p95_5m{function=~".*-slow"}`);
    expect(recorded.map((s) => s.value > 0.25 && s.value <= 0.5)).toEqual([true, true, true]);
  });

  it('every recording rule over function metrics has a series for each function of each runtime', async () => {
    const records = functionRecordingRules();
    expect(records.length).toBeGreaterThan(3);
    let gaps: string[] = [];
    await prometheus
      .waitFor(
        'every function recording rule to be evaluated',
        async () => {
          gaps = [];
          for (const record of records) {
            const series = await prometheus.query(`group by (function, runtime) (${record}{namespace="${NAMESPACE}"})`);
            for (const fn of running.values()) {
              const found = series.find((s) => s.metric.function === fn.spec.functionName);
              if (!found || (found.metric.runtime !== undefined && found.metric.runtime !== fn.spec.runtime)) {
                gaps.push(
                  `${record} ${fn.spec.functionName}: ${found ? `runtime=${found.metric.runtime}` : 'no series'}`
                );
              }
            }
          }
          return gaps.length === 0 || undefined;
        },
        { timeoutMs: 10_000 }
      )
      .catch(() => undefined);
    expect(gaps).toEqual([]);
  });

  it('returns the label values of the runtime filter: the three runtimes', async () => {
    expect((await prometheus.labelValues('runtime', [invocations.name])).sort()).toEqual([...RUNTIMES].sort());
  });

  it("returns a request's trace id from /api/v1/query_exemplars for every runtime", async () => {
    const start = Date.now() / 1000 - 1;
    for (const runtime of RUNTIMES) {
      const reply = await fetch(`${running.get(name(runtime, 'slow'))!.url}/`, {
        method: 'POST',
        headers: { traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(reply.status).toBe(200);
    }
    const found = await prometheus.waitFor('exemplars carrying the trace id', async () => {
      const series = await prometheus.queryExemplars(
        `${duration.name}_bucket{function=~".*-slow"}`,
        start,
        Date.now() / 1000 + 1
      );
      const runtimes = series
        .filter((s) => s.exemplars.some((e) => e.labels.trace_id === TRACE_ID))
        .map((s) => s.seriesLabels.runtime);
      return runtimes.length === 3 ? runtimes.sort() : undefined;
    });
    expect(found).toEqual([...RUNTIMES].sort());
  });

  it('KnativeLambdaFunctionMetricsMissing fires for the function without invocation series and the unscraped one, only', async () => {
    const firing = await prometheus.waitFor('KnativeLambdaFunctionMetricsMissing to fire', async () => {
      const alerts = (await prometheus.alerts()).filter(
        (a) => a.labels.alertname === 'KnativeLambdaFunctionMetricsMissing' && a.state === 'firing'
      );
      const functions = alerts.map((a) => a.labels.function).sort();
      return functions.length >= 2 ? functions : undefined;
    });
    expect(firing).toEqual(['broken-metrics', 'unscraped']);
    expect(traffic.targets['broken-metrics'].outcomes.success).toBe(TRAFFIC.count);
  });

  it('cold starts count process starts: a restarted runtime moves the counter and records its init duration again', async () => {
    const flaky = RUNTIMES.map((r) => running.get(name(r, 'flaky'))!);
    const selector = `{function=~".*-flaky", namespace="${NAMESPACE}"}`;
    const before = await prometheus.query(`${coldStarts.name}${selector}`);
    expect(before.map((s) => s.value)).toEqual([1, 1, 1]);
    const inits = await prometheus.query(`${initDuration.name}_count${selector}`);
    expect(inits.map((s) => s.value)).toEqual([1, 1, 1]);
    expect((await prometheus.query(`${initDuration.name}_sum${selector} > 0`)).length).toBe(3);

    await Promise.all(flaky.map((fn) => fn.restart()));
    await prometheus.waitFor('the restarted processes to be scraped before their first invocation', async () => {
      const values = await prometheus.query(`${coldStarts.name}${selector}`);
      return values.length === 3 && values.every((s) => s.value === 0) ? true : undefined;
    });
    await Promise.all(flaky.map((fn) => fetch(`${fn.url}/`, { method: 'POST', body: '{}' })));
    const restarts = await prometheus.waitFor('each runtime to count one more cold start', async () => {
      const moved = await prometheus.query(
        `${coldStarts.name}${selector} == 1 and on (function) resets(${coldStarts.name}${selector}[5m]) == 1`
      );
      return moved.length === 3 ? moved.map((s) => s.metric.runtime).sort() : undefined;
    });
    expect(restarts).toEqual([...RUNTIMES].sort());
    const initialised = await prometheus.query(
      `${initDuration.name}_count${selector} == 1 and ${initDuration.name}_sum${selector} > 0`
    );
    expect(initialised.map((s) => s.metric.runtime).sort()).toEqual([...RUNTIMES].sort());
  });
});
