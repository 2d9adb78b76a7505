// The whole stack, brought up by the code `npm start` runs: the demo functions reach their phases, answer
// through their URLs, show up in Prometheus with the shipped relabelling's labels, and fire exactly the alerts
// they are meant to; a function applied here goes through the whole loop; scale to zero is a real cold start;
// the host serves the real backend and Prometheus the way Grafana would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CustomObjectsApi } from '@kubernetes/client-node';

import { FUNCTION_METRICS, parseExposition, sampleValue } from '../../contract';
import type { RunningStack } from '../../local/stack/stack';
import { waitFor } from '../../local/support/wait-for';
import { LAMBDA_GROUP, LAMBDA_PLURAL, LAMBDA_VERSION } from '../../pkg-operator/src/api';
import { customObjectsPathOf, RESOURCES } from '../../pkg-operator/src/kube/resources';

import {
  DEMO_FUNCTIONS,
  DEMO_NAMESPACE,
  MEANT_TO_FIRE_HIGH_ERROR_RATE,
  MEANT_TO_FIRE_METRICS_MISSING,
} from './demo-expectations';
import { asUser, invoke, readFunction, startTestStack } from './support';

const MINUTE = 60_000;
const INVOCATIONS = FUNCTION_METRICS.invocations.name;
const COLD_STARTS = FUNCTION_METRICS.coldStarts.name;

interface PrometheusResponse<T> {
  data: { result: T[] };
}
type RangeSeries = { metric: Record<string, string>; values: Array<[number, string]> };
type InstantSeries = { metric: Record<string, string>; value: [number, string] };
type DsQueryFrames = {
  results: Record<
    string,
    { frames: Array<{ schema: { fields: Array<{ labels?: Record<string, string> }> }; data: { values: number[][] } }> }
  >;
};

let stack: RunningStack & { cleanup(): Promise<void> };

beforeAll(async () => {
  stack = await startTestStack();
}, 20 * MINUTE);

afterAll(async () => {
  await stack?.cleanup();
}, 2 * MINUTE);

function scrapeTargets(): Array<{ targets: string[]; labels: Record<string, string> }> {
  return readdirSync(stack.paths.targets, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(join(stack.paths.targets, f), 'utf8')));
}

function functionTargets(name: string): string[] {
  return scrapeTargets()
    .filter((g) => g.labels.function === name && g.labels.namespace === DEMO_NAMESPACE)
    .flatMap((g) => g.targets);
}

async function alertingFunctions(alertname: string): Promise<string[]> {
  const alerts = await stack.prometheus.alerts();
  return [
    ...new Set(
      alerts
        .filter((a) => a.labels.alertname === alertname && a.labels.namespace === DEMO_NAMESPACE)
        .filter((a) => a.state === 'pending' || a.state === 'firing')
        .map((a) => a.labels.function)
    ),
  ].sort();
}

test(
  'every demo function reaches the phase its YAML is meant to reach, failures with the reason',
  async () => {
    for (const [name, expected] of Object.entries(DEMO_FUNCTIONS)) {
      const fn = await waitFor(
        `${name} to reach ${expected.phase}`,
        async () => {
          const current = await readFunction(stack, DEMO_NAMESPACE, name);
          return current.status?.phase === expected.phase && current;
        },
        { timeoutMs: 8 * MINUTE, intervalMs: 1000 }
      );
      if (expected.failure) {
        const condition = fn.status?.conditions?.find((c) => c.type === expected.failure?.type);
        expect(condition).toMatchObject({ status: 'False', reason: expected.failure.reason });
        expect(condition?.message).toMatch(expected.failure.message);
      } else {
        expect(fn.status?.service?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      }
    }
  },
  10 * MINUTE
);

test(
  'each Ready demo function answers through its URL (the activator), answered by its runtime wrapper',
  async () => {
    for (const [name, expected] of Object.entries(DEMO_FUNCTIONS)) {
      if (expected.phase !== 'Ready') {
        continue;
      }
      const fn = await readFunction(stack, DEMO_NAMESPACE, name);
      const answer = await invoke(fn.status?.service?.url ?? '');
      expect(answer.ceType).toMatch(/^io\.knative\.lambda\.response\./);
      if (name === 'hello-python') {
        expect(answer).toMatchObject({ status: 200, ceType: 'io.knative.lambda.response.success' });
        expect(JSON.parse(answer.body)).toEqual({ greeting: 'hello, world' });
      }
    }
  },
  3 * MINUTE
);

test(
  "their series reach Prometheus with the labels the shipped PodMonitor's relabelling gives them",
  async () => {
    for (const [name, expected] of Object.entries(DEMO_FUNCTIONS)) {
      if (!expected.traffic) {
        continue;
      }
      const series = await waitFor(
        `${INVOCATIONS} of ${name} in Prometheus`,
        async () => {
          const found = await stack.prometheus.query(
            `${INVOCATIONS}{namespace="${DEMO_NAMESPACE}",function="${name}"}`
          );
          return found.length > 0 && found;
        },
        { timeoutMs: 4 * MINUTE, intervalMs: 2000 }
      );
      for (const s of series) {
        expect(s.metric).toMatchObject({ function: name, namespace: DEMO_NAMESPACE, runtime: expected.runtime });
        expect(s.metric.pod).toMatch(new RegExp(`^${name}-`));
        expect(s.metric.job).toMatch(/knative-lambda-functions$/);
      }
    }
  },
  10 * MINUTE
);

test(
  'KnativeLambdaFunctionHighErrorRate and the metrics-missing alert hold for exactly the functions meant to fire them',
  async () => {
    const highErrorRate = await waitFor(
      `KnativeLambdaFunctionHighErrorRate pending or firing for ${MEANT_TO_FIRE_HIGH_ERROR_RATE.join(', ')}`,
      async () => {
        const functions = await alertingFunctions('KnativeLambdaFunctionHighErrorRate');
        return MEANT_TO_FIRE_HIGH_ERROR_RATE.every((f) => functions.includes(f)) && functions;
      },
      { timeoutMs: 8 * MINUTE, intervalMs: 5000 }
    );
    expect(highErrorRate).toEqual([...MEANT_TO_FIRE_HIGH_ERROR_RATE].sort());
    expect(await alertingFunctions('KnativeLambdaFunctionMetricsMissing')).toEqual(MEANT_TO_FIRE_METRICS_MISSING);
  },
  10 * MINUTE
);

test(
  'scale to zero: the bursty function reaches zero replicas, the next request succeeds through the activator as a real cold start',
  async () => {
    const name = 'burst-nodejs';
    const custom = stack.controlPlane.adminKubeConfig.makeApiClient(CustomObjectsApi);
    const replicas = async () => {
      const service = (await custom.getNamespacedCustomObject({
        ...customObjectsPathOf(RESOURCES.knativeService),
        namespace: DEMO_NAMESPACE,
        name,
      })) as { status?: { latestReadyRevisionName?: string } };
      const revision = (await custom.getNamespacedCustomObject({
        ...customObjectsPathOf(RESOURCES.knativeRevision),
        namespace: DEMO_NAMESPACE,
        name: service.status?.latestReadyRevisionName ?? '',
      })) as { status?: { actualReplicas?: number } };
      return revision.status?.actualReplicas;
    };
    // the Revision's status and the scrape targets follow the pods apart: wait for both to say zero
    const scaledToZero = async () => (await replicas()) === 0 && functionTargets(name).length === 0;
    await waitFor(`${name} to be scaled to zero, with no scrape target left`, scaledToZero, {
      timeoutMs: 5 * MINUTE,
      intervalMs: 1000,
    });
    expect(functionTargets(name)).toEqual([]);
    const fn = await readFunction(stack, DEMO_NAMESPACE, name);
    const answer = await invoke(fn.status?.service?.url ?? '', [1, 2, 3]);
    expect(answer).toMatchObject({ status: 200, ceType: 'io.knative.lambda.response.success' });
    expect(await replicas()).toBeGreaterThanOrEqual(1);
    const [target] = await waitFor(`${name}'s new replica to be a scrape target`, async () => {
      const targets = functionTargets(name);
      return targets.length > 0 && targets;
    });
    const metrics = parseExposition(await (await fetch(`http://${target}/metrics`)).text());
    expect(sampleValue(metrics, COLD_STARTS, { function: name })).toBe(1);
  },
  8 * MINUTE
);

test(
  'a LambdaFunction applied here goes from nothing to serving; a code change rebuilds and redeploys; deleting it stops its process and removes its targets',
  async () => {
    const name = 'stack-probe';
    const manifest = (version: string) =>
      JSON.stringify({
        apiVersion: `${LAMBDA_GROUP}/${LAMBDA_VERSION}`,
        kind: 'LambdaFunction',
        metadata: { name, namespace: DEMO_NAMESPACE },
        spec: {
          runtime: { language: 'python', version: '3.12' },
          source: { inline: { code: `def handler(data, context):\n    return {"version": "${version}"}\n` } },
          scaling: { minReplicas: 1, maxReplicas: 1 },
        },
      });
    const servedVersion = async (generation: number) => {
      const fn = await waitFor(
        `${name} generation ${generation} Ready`,
        async () => {
          const current = await readFunction(stack, DEMO_NAMESPACE, name);
          return current.status?.phase === 'Ready' && current.status.observedGeneration === generation && current;
        },
        { timeoutMs: 4 * MINUTE, intervalMs: 1000 }
      );
      const answer = await invoke(fn.status?.service?.url ?? '');
      return { job: fn.status?.build?.jobName, url: fn.status?.service?.url, body: JSON.parse(answer.body) };
    };

    await stack.kubectl.run(['apply', '-f', '-'], manifest('v1'));
    const first = await servedVersion(1);
    expect(first.body).toEqual({ version: 'v1' });
    expect(functionTargets(name)).toHaveLength(1);

    await stack.kubectl.run(['apply', '-f', '-'], manifest('v2'));
    const second = await servedVersion(2);
    expect(second.body).toEqual({ version: 'v2' });
    expect(second.job).not.toEqual(first.job);

    await stack.kubectl.run(['delete', 'lambdafunction', name, '-n', DEMO_NAMESPACE, '--wait=true', '--timeout=120s']);
    const custom = stack.controlPlane.adminKubeConfig.makeApiClient(CustomObjectsApi);
    await expect(
      custom.getNamespacedCustomObject({
        group: LAMBDA_GROUP,
        version: LAMBDA_VERSION,
        namespace: DEMO_NAMESPACE,
        plural: LAMBDA_PLURAL,
        name,
      })
    ).rejects.toMatchObject({ code: 404 });
    await waitFor(`${name}'s targets to be removed`, async () => functionTargets(name).length === 0, {
      timeoutMs: 30_000,
    });
    await expect(fetch(second.url ?? '', { method: 'POST', body: '{}' })).rejects.toThrow();
  },
  12 * MINUTE
);

test(
  'the host: a Viewer lists the functions the API server holds; deploy is refused to a Viewer and allowed to an Admin',
  async () => {
    const resources = '/api/plugins/knative-lambda-app/resources';
    const list = await asUser(stack, 'Viewer', `${resources}/functions?namespace=${DEMO_NAMESPACE}`);
    expect(list.status).toBe(200);
    const names = (list.json as { items: Array<{ name: string }> }).items.map((f) => f.name).sort();
    expect(names).toEqual(expect.arrayContaining(Object.keys(DEMO_FUNCTIONS)));

    const refused = await asUser(stack, 'Viewer', `${resources}/operator/deploy`, {
      method: 'POST',
      body: { dryRun: true },
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: 'forbidden' });

    const allowed = await asUser(stack, 'Admin', `${resources}/operator/deploy`, {
      method: 'POST',
      body: { dryRun: true },
    });
    expect(allowed.status).toBe(200);
  },
  2 * MINUTE
);

test(
  '/api/ds/query returns the numbers Prometheus itself returns, for a range and an instant query with $__rate_interval',
  async () => {
    const expr = `sum by (function) (rate(${INVOCATIONS}{namespace="${DEMO_NAMESPACE}"}[$__rate_interval]))`;
    const to = Math.floor(Date.now() / 1000 / 60) * 60 * 1000;
    const from = to - 10 * MINUTE;
    const body = (instant: boolean) => ({
      from: String(from),
      to: String(to),
      queries: [
        {
          refId: 'A',
          datasource: { uid: 'prometheus', type: 'prometheus' },
          expr,
          instant,
          range: !instant,
          intervalMs: 30_000,
          interval: '30s',
          maxDataPoints: 20,
        },
      ],
    });
    const viaHost = await asUser(stack, 'Viewer', '/api/ds/query', { method: 'POST', body: body(false) });
    expect(viaHost.status).toBe(200);
    // step = max(interval 30s, range/maxDataPoints 30s); $__rate_interval = max(step + scrape interval, 4 × scrape
    // interval) with the datasource's timeInterval = the monitors' 30 s scrape interval: 120s
    const direct = await fetch(
      `${stack.prometheusUrl}/api/v1/query_range?${new URLSearchParams({
        query: expr.replace('$__rate_interval', '120s'),
        start: String(from / 1000),
        end: String(to / 1000),
        step: '30',
      })}`
    ).then((r) => r.json() as Promise<PrometheusResponse<RangeSeries>>);
    const frames = (viaHost.json as DsQueryFrames).results.A.frames;
    const hostSeries = Object.fromEntries(frames.map((f) => [f.schema.fields[1].labels?.function, f.data.values[1]]));
    const directSeries = Object.fromEntries(
      direct.data.result.map((r) => [r.metric.function, r.values.map(([, v]) => Number(v))])
    );
    expect(hostSeries).toEqual(directSeries);

    const instant = await asUser(stack, 'Viewer', '/api/ds/query', { method: 'POST', body: body(true) });
    const directInstant = await fetch(
      `${stack.prometheusUrl}/api/v1/query?${new URLSearchParams({ query: expr.replace('$__rate_interval', '120s'), time: String(to / 1000) })}`
    ).then((r) => r.json() as Promise<PrometheusResponse<InstantSeries>>);
    const instantFrames = (instant.json as DsQueryFrames).results.A.frames;
    const hostInstant = Object.fromEntries(
      instantFrames.map((f) => [f.schema.fields[1].labels?.function, f.data.values[1][0]])
    );
    const directInstantValues = Object.fromEntries(
      directInstant.data.result.map((r) => [r.metric.function, Number(r.value[1])])
    );
    expect(hostInstant).toEqual(directInstantValues);
  },
  2 * MINUTE
);
