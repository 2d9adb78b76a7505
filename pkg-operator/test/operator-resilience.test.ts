// 200 functions converge to their correct final state while the API answers 10% of requests with 5xx/409
// and watches are dropped, expire (410) or are reset — through the control plane's fault proxy.
import { contractViolations, OPERATOR_METRICS } from '../../contract';
import type { FaultRule } from '../../local/control-plane/harness';
import type { LambdaFunction, LambdaFunctionSpec } from '../src/api';
import { RESOURCES } from '../src/kube/resources';

import { startAutopilot } from './support/autopilot';
import { createFunction, inlineSpec } from './support/lambda';
import type { OperatorEnv } from './support/operator-env';
import { operatorEnvPerFile } from './support/operator-env';
import { metricValue, scrape } from './support/scrape';
import { eventually } from './support/wait';

const envOf = operatorEnvPerFile();
let env: OperatorEnv;
beforeAll(() => {
  env = envOf();
});

const FAULTS: FaultRule[] = [
  { watch: false, action: { type: 'status', status: 500 }, rate: 0.04 },
  { watch: false, action: { type: 'status', status: 503 }, rate: 0.03 },
  {
    watch: false,
    method: /^(PUT|PATCH|POST)$/,
    action: { type: 'status', status: 409, message: 'injected conflict' },
    rate: 0.03,
  },
  { watch: true, action: { type: 'gone' }, rate: 0.1 },
  { watch: true, action: { type: 'cutWatch', afterMs: 1500, mode: 'reset' }, rate: 0.3 },
];

type Expected = { phase: 'Ready' | 'Failed'; reason?: string };

function plan(i: number): { name: string; spec: LambdaFunctionSpec; expected: Expected } {
  const name = `fn-${String(i).padStart(3, '0')}`;
  if (i % 10 === 7) {
    return {
      name: `bad-${name}`,
      spec: {
        source: { git: { url: `https://10.${i % 250}.0.1/repo.git` } },
        runtime: { language: 'python', version: '3.12' },
      },
      expected: { phase: 'Failed', reason: 'ValidationFailed' },
    };
  }
  if (i % 10 === 3) {
    return {
      name: `fail-${name}`,
      spec: inlineSpec(`exports.handler = () => ${i};\n`),
      expected: { phase: 'Failed', reason: 'BuildFailed' },
    };
  }
  if (i % 10 === 5) {
    return {
      name,
      spec: {
        source: { image: { repository: 'registry.test:5000/prebuilt', tag: `v${i}` } },
        runtime: { language: 'go', version: '1.22' },
      },
      expected: { phase: 'Ready' },
    };
  }
  return { name, spec: inlineSpec(`exports.handler = () => ${i};\n`), expected: { phase: 'Ready' } };
}

test('200 functions converge through injected 5xx/409 and dropped watches', async () => {
  const ns = await env.createNamespace('storm');
  const autopilot = await startAutopilot(env.cp.adminKubeConfig, (fn) => (fn.startsWith('fail-') ? 'fail' : 'succeed'));
  const proxy = env.cp.proxy!;
  proxy.setFaults(FAULTS);
  const operator = await env.startOperator({ viaProxy: true, flags: ['--workers=8'] });
  const cutter = setInterval(() => proxy.cutWatches('reset'), 4000);
  const plans = Array.from({ length: 200 }, (_, i) => plan(i));
  try {
    const started = Date.now();
    for (let i = 0; i < plans.length; i += 20) {
      await Promise.all(plans.slice(i, i + 20).map((p) => createFunction(env.custom, ns, p.name, p.spec)));
    }
    const LF = RESOURCES.lambdaFunction;
    const wrong = async () => {
      const list = await env.custom.listNamespacedCustomObject({
        group: LF.group,
        version: LF.version,
        plural: LF.plural,
        namespace: ns,
      });
      const byName = new Map((list.items as LambdaFunction[]).map((f) => [f.metadata.name, f]));
      return plans.filter((p) => {
        const fn = byName.get(p.name);
        const ready = fn?.status?.conditions?.find((c) => c.type === 'Ready');
        return (
          fn?.status?.phase !== p.expected.phase ||
          (p.expected.reason !== undefined && ready?.reason !== p.expected.reason) ||
          fn?.status?.observedGeneration !== fn?.metadata.generation
        );
      });
    };
    await eventually(
      'all 200 functions in their final state',
      async () => ((await wrong()).length === 0 ? true : undefined),
      150_000
    ).catch(async (err: Error) => {
      const left = await wrong();
      throw new Error(
        `${err.message}; ${left.length} not converged, e.g. ${left
          .slice(0, 5)
          .map((p) => p.name)
          .join(', ')}`
      );
    });
    const seconds = (Date.now() - started) / 1000;
    const stats = proxy.stats;
    process.stdout.write(
      `200 functions converged in ${seconds.toFixed(1)} s through ${stats.requests} proxied requests (${stats.injectedStatus} injected errors, ${stats.injectedGone} 410s, ${stats.watchesCut} watches cut)\n`
    );
    expect(stats.injectedStatus).toBeGreaterThan(20);
    expect(stats.watchesCut + stats.injectedGone).toBeGreaterThan(5);

    // one build per built function, never a duplicate
    const jobs = (await env.batch.listNamespacedJob({ namespace: ns })).items;
    const built = plans.filter((p) => p.spec.source.inline).length;
    expect(jobs).toHaveLength(built);
    // each rejection counted exactly once, each failed build exactly once
    proxy.clearFaults();
    const rejected = plans.filter((p) => p.expected.reason === 'ValidationFailed').length;
    expect(await metricValue(operator.port, OPERATOR_METRICS.errors.name, { component: 'validation' })).toBe(rejected);
    const buildFailures = plans.filter((p) => p.expected.reason === 'BuildFailed').length;
    expect(
      await metricValue(operator.port, OPERATOR_METRICS.errors.name, { component: 'build', error_type: 'job_failed' })
    ).toBe(buildFailures);
    const readyCount = plans.filter((p) => p.expected.phase === 'Ready').length;
    await eventually('the operator cache (and its gauge) catches up', async () =>
      (await metricValue(operator.port, OPERATOR_METRICS.functions.name, { namespace: ns, phase: 'Ready' })) ===
      readyCount
        ? true
        : undefined
    );
    expect(operator.controller.caches.functions.restarts + operator.controller.caches.jobs.restarts).toBeGreaterThan(0);
    // after all that, every series the operator exposes is a contract metric with contract labels and values
    expect(contractViolations((await scrape(operator.port)).text, ['operator'])).toEqual([]);
    const openMetrics = await scrape(operator.port, 'application/openmetrics-text; version=1.0.0');
    expect(contractViolations(openMetrics.text, ['operator'])).toEqual([]);
  } finally {
    clearInterval(cutter);
    proxy.clearFaults();
    await autopilot.stop();
  }
}, 240_000);
