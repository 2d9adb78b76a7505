// Functions converge to their correct final state while the API fails a stated share of reads and writes
// (500/503, plus 409 on writes) and watches are dropped, expire (410) or are reset — through the control
// plane's fault proxy. The rates are measured at the proxy and printed; once the operator is quiet,
// sum(reconcile_total) on its real /metrics equals the reconciles its controller counted.
import { contractViolations, OPERATOR_METRICS } from '../../contract';
import type { FaultRule } from '../../local/control-plane/harness';
import type { LambdaFunction, LambdaFunctionSpec } from '../src/api';
import { RESOURCES } from '../src/kube/resources';

import { startAutopilot } from './support/autopilot';
import { combinedRate, measuredFaultRates, outsideBinomialBounds, percent, WRITE_METHODS } from './support/fault-rates';
import { createFunction, inlineSpec } from './support/lambda';
import type { OperatorEnv } from './support/operator-env';
import { operatorEnvPerFile } from './support/operator-env';
import { quiescentReconciles } from './support/quiescence';
import { metricValue, scrape } from './support/scrape';
import { eventually } from './support/wait';

const envOf = operatorEnvPerFile();
let env: OperatorEnv;
beforeAll(() => {
  env = envOf();
});

const FUNCTIONS = 120;
/** each rule fires on its own: a write can draw a 500, a 503 and a 409 independently */
const INTERNAL_ERROR_RATE = 0.04;
const UNAVAILABLE_RATE = 0.03;
const WRITE_CONFLICT_RATE = 0.03;
const READ_FAULT_RATE = combinedRate(INTERNAL_ERROR_RATE, UNAVAILABLE_RATE);
const WRITE_FAULT_RATE = combinedRate(INTERNAL_ERROR_RATE, UNAVAILABLE_RATE, WRITE_CONFLICT_RATE);
/** longer than the test operator's 2 s maximum backoff */
const QUIET_MS = 3000;

const FAULTS: FaultRule[] = [
  { watch: false, action: { type: 'status', status: 500 }, rate: INTERNAL_ERROR_RATE },
  { watch: false, action: { type: 'status', status: 503 }, rate: UNAVAILABLE_RATE },
  {
    watch: false,
    method: WRITE_METHODS,
    action: { type: 'status', status: 409, message: 'injected conflict' },
    rate: WRITE_CONFLICT_RATE,
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

const TITLE = `${FUNCTIONS} functions converge while ${percent(READ_FAULT_RATE)} of reads and ${percent(
  WRITE_FAULT_RATE
)} of writes fail (500/503, 409 on writes) and watches drop; sum(reconcile_total) = reconciles handled`;

test(
  TITLE,
  async () => {
    const ns = await env.createNamespace('storm');
    const autopilot = await startAutopilot(env.cp.adminKubeConfig, (fn) =>
      fn.startsWith('fail-') ? 'fail' : 'succeed'
    );
    const proxy = env.cp.proxy!;
    const firstRecorded = proxy.recorded.length;
    proxy.setFaults(FAULTS);
    const operator = await env.startOperator({ viaProxy: true, flags: ['--workers=8'] });
    const cutter = setInterval(() => proxy.cutWatches('reset'), 4000);
    const plans = Array.from({ length: FUNCTIONS }, (_, i) => plan(i));
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
        `all ${FUNCTIONS} functions in their final state`,
        async () => ((await wrong()).length === 0 ? true : undefined),
        90_000
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
      clearInterval(cutter);
      proxy.clearFaults();
      const stats = proxy.stats;
      const { reads, writes } = measuredFaultRates(proxy.recorded.slice(firstRecorded));
      const quietStarted = Date.now();
      const handled = await quiescentReconciles(operator.controller, QUIET_MS, 30_000);
      const quietSeconds = (Date.now() - quietStarted) / 1000;
      const reconcileTotal = await metricValue(operator.port, OPERATOR_METRICS.reconcileTotal.name);
      process.stdout.write(
        [
          `${FUNCTIONS} functions converged in ${seconds.toFixed(1)} s through ${stats.requests} proxied requests`,
          `  reads:  ${reads.injected}/${reads.requests} failed = ${percent(reads.rate)} (configured ${percent(READ_FAULT_RATE)})`,
          `  writes: ${writes.injected}/${writes.requests} failed = ${percent(writes.rate)} (configured ${percent(WRITE_FAULT_RATE)})`,
          `  watches: ${stats.injectedGone} answered 410, ${stats.watchesCut} cut`,
          `  quiet after ${quietSeconds.toFixed(1)} s: ${handled} reconciles handled, sum(reconcile_total) = ${reconcileTotal}`,
        ].join('\n') + '\n'
      );
      expect(outsideBinomialBounds(reads, READ_FAULT_RATE)).toBe(false);
      expect(outsideBinomialBounds(writes, WRITE_FAULT_RATE)).toBe(false);
      expect(stats.watchesCut + stats.injectedGone).toBeGreaterThan(5);
      // exactly one increment per reconcile, counted on the real path (the controller's count is its own)
      expect(handled).toBeGreaterThan(FUNCTIONS);
      expect(reconcileTotal).toBe(handled);
      expect(operator.controller.reconcilesHandled).toBe(handled);

      // one build per built function, never a duplicate
      const jobs = (await env.batch.listNamespacedJob({ namespace: ns })).items;
      const built = plans.filter((p) => p.spec.source.inline).length;
      expect(jobs).toHaveLength(built);
      // each rejection counted exactly once, each failed build exactly once
      const rejected = plans.filter((p) => p.expected.reason === 'ValidationFailed').length;
      expect(await metricValue(operator.port, OPERATOR_METRICS.errors.name, { component: 'validation' })).toBe(
        rejected
      );
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
      expect(operator.controller.caches.functions.restarts + operator.controller.caches.jobs.restarts).toBeGreaterThan(
        0
      );
      // after all that, every series the operator exposes is a contract metric with contract labels and values
      expect(contractViolations((await scrape(operator.port)).text, ['operator'])).toEqual([]);
      const openMetrics = await scrape(operator.port, 'application/openmetrics-text; version=1.0.0');
      expect(contractViolations(openMetrics.text, ['operator'])).toEqual([]);
    } finally {
      clearInterval(cutter);
      proxy.clearFaults();
      await autopilot.stop();
    }
  },
  150_000
);
