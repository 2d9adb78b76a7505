// The API server itself produces the conflicts: while the operator reconciles, a second writer patches every
// LambdaFunction's labels and annotations, so the operator's resourceVersion-guarded writes (finalizer patch,
// status update) meet real 409s from kube-apiserver's optimistic concurrency — no fault is injected. The
// functions still converge to Ready with the right status, the writer's metadata survives, each 409 the
// operator got counts once in errors_total{component="reconcile",error_type="conflict"}, and reconcile_total
// matches the reconciles handled.
import { OPERATOR_METRICS } from '../../contract';
import type { LambdaFunction, LambdaFunctionSpec } from '../src/api';
import { REASONS } from '../src/controller/reasons';
import { RESOURCES } from '../src/kube/resources';

import { startAutopilot } from './support/autopilot';
import { startConcurrentWriter, TOUCH_ANNOTATION, TOUCH_LABEL } from './support/concurrent-writer';
import { upstreamConflicts } from './support/fault-rates';
import { conditionOf, createFunction, inlineSpec } from './support/lambda';
import { operatorEnvPerFile } from './support/operator-env';
import { quiescentReconciles } from './support/quiescence';
import { metricValue } from './support/scrape';
import { eventually } from './support/wait';

const env = operatorEnvPerFile();
const FUNCTIONS = 24;
const QUIET_MS = 3000;
const LF = RESOURCES.lambdaFunction;

const specOf = (i: number): LambdaFunctionSpec =>
  i % 2
    ? inlineSpec(`exports.handler = () => ${i};\n`)
    : {
        source: { image: { repository: 'registry.test:5000/prebuilt', tag: `v${i}` } },
        runtime: { language: 'go', version: '1.22' },
      };

const converged = (fn: LambdaFunction | undefined) =>
  fn?.status?.phase === 'Ready' &&
  conditionOf(fn, 'Ready')?.reason === REASONS.ready &&
  conditionOf(fn, 'DeployReady')?.status === 'True' &&
  fn.status.observedGeneration === fn.metadata.generation &&
  !!fn.status.service?.url;

test(`${FUNCTIONS} functions converge to Ready while a second writer makes the API server answer the operator 409`, async () => {
  const e = env();
  const ns = await e.createNamespace('contended');
  const names = Array.from({ length: FUNCTIONS }, (_, i) => `fn-${String(i).padStart(2, '0')}`);
  const autopilot = await startAutopilot(e.cp.adminKubeConfig);
  const proxy = e.cp.proxy!;
  const firstRecorded = proxy.recorded.length;
  // through the proxy without faults: it only records what the API server answered
  const operator = await e.startOperator({ viaProxy: true });
  try {
    await Promise.all(names.map((name, i) => createFunction(e.custom, ns, name, specOf(i))));
    const started = Date.now();
    const writer = startConcurrentWriter(e.custom, ns, names);
    const list = async () =>
      new Map(
        (
          (
            await e.custom.listNamespacedCustomObject({
              group: LF.group,
              version: LF.version,
              plural: LF.plural,
              namespace: ns,
            })
          ).items as LambdaFunction[]
        ).map((f) => [f.metadata.name, f])
      );
    let lagging: string[] = names;
    await eventually(
      'every function Ready while the writer runs',
      async () => {
        const fns = await list();
        lagging = names.filter((n) => !converged(fns.get(n)));
        return lagging.length === 0 ? true : undefined;
      },
      60_000
    )
      .catch((err: Error) => {
        throw new Error(`${err.message}; not converged: ${lagging.join(', ')}`);
      })
      .finally(() => writer.stop());
    const seconds = (Date.now() - started) / 1000;
    const { patches, lastTouch } = await writer.stop();
    const handled = await quiescentReconciles(operator.controller, QUIET_MS, 30_000);

    const recorded = proxy.recorded.slice(firstRecorded);
    const functionConflicts = upstreamConflicts(recorded.filter((r) => r.path.includes(`/${LF.plural}/`)));
    const counted = await metricValue(operator.port, OPERATOR_METRICS.errors.name, {
      component: 'reconcile',
      error_type: 'conflict',
    });
    const reconcileTotal = await metricValue(operator.port, OPERATOR_METRICS.reconcileTotal.name);
    process.stdout.write(
      `${FUNCTIONS} functions Ready in ${seconds.toFixed(1)} s against ${patches} concurrent patches: the API server ` +
        `answered the operator 409 ${functionConflicts} times on LambdaFunctions (${upstreamConflicts(recorded)} in all), ` +
        `errors_total{reconcile,conflict} = ${counted}; ${handled} reconciles handled, sum(reconcile_total) = ${reconcileTotal}\n`
    );
    expect(functionConflicts).toBeGreaterThan(0);
    expect(counted).toBe(functionConflicts);
    expect(reconcileTotal).toBe(handled);

    // still right once the writer stopped and the operator is quiet: Ready, and the writer's metadata kept
    const fns = await list();
    expect(names.filter((n) => !converged(fns.get(n)))).toEqual([]);
    for (const name of names) {
      const fn = fns.get(name)!;
      expect([name, fn.metadata.labels?.[TOUCH_LABEL], fn.metadata.annotations?.[TOUCH_ANNOTATION]]).toEqual([
        name,
        lastTouch.get(name),
        lastTouch.get(name),
      ]);
    }
  } finally {
    await autopilot.stop();
  }
}, 150_000);
