// A typo'd server-side apply against the real kube-apiserver (v1.36). What it answers, found here: an applied
// object that does not fit the CRD's structural schema (unknown field, wrong type) is refused with HTTP 500 and a
// Status without a reason whose message reads "failed to create typed patch object (…): <path>: field not declared
// in schema" — whatever fieldValidation says, for create and update, dry-run too. The apply path converts the object
// to the schema's type before field validation runs, and that conversion's error is a plain one, which the API
// server answers as 500. The same typo through a create is a 400 BadRequest, through a merge patch a 422 Invalid.
// The operator classifies that 500 as invalid from the Status body (kube/errors isInvalid), so a function whose
// Knative Service the cluster's CRD cannot hold fails with the API server's message instead of retrying in a loop.
import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import { ApiextensionsV1Api } from '@kubernetes/client-node';

import type { OperatorErrorComponent, OperatorErrorType } from '../../contract';
import { OPERATOR_METRICS } from '../../contract';
import type { LambdaFunction } from '../src/api';
import { LAMBDA_API_VERSION } from '../src/api';
import { REASONS } from '../src/controller/reasons';
import { knativeService } from '../src/deploy/knative-service';
import {
  deadLetterBinding,
  deadLetterExchange,
  deadLetterQueue,
  invocationBroker,
  trigger,
} from '../src/eventing/resources';
import { errorMessage, isInvalid, statusCode } from '../src/kube/errors';
import type { KubeObject } from '../src/kube/gateway';
import { KubeGateway } from '../src/kube/gateway';
import type { CustomResource } from '../src/kube/resources';
import { RESOURCES } from '../src/kube/resources';

import { startAutopilot } from './support/autopilot';
import { conditionOf, createFunction, getFunction, patchSpec } from './support/lambda';
import { operatorEnvPerFile } from './support/operator-env';
import { quiescentReconciles } from './support/quiescence';
import { metricValue } from './support/scrape';
import { eventually } from './support/wait';

const env = operatorEnvPerFile();
const IMAGE = 'registry.test:5000/prebuilt@sha256:' + 'a'.repeat(64);
const OFF_SCHEMA = /^failed to create typed patch object \(.+\): \.spec\.typo: field not declared in schema$/;

const functionIn = (namespace: string, name: string): LambdaFunction => ({
  apiVersion: LAMBDA_API_VERSION,
  kind: RESOURCES.lambdaFunction.kind,
  metadata: { name, namespace, uid: '00000000-0000-4000-8000-000000000001', generation: 1 },
  spec: {
    source: { image: { repository: 'registry.test:5000/prebuilt', tag: 'v1' } },
    runtime: { language: 'go', version: '1.22' },
  },
});
const withTypo = (obj: KubeObject): KubeObject => ({ ...obj, spec: { ...(obj.spec as object), typo: true } });

async function refusal(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error('the API server accepted the request');
}

test('every kind the operator applies: an unknown field is a 500 whose Status says so, and counts as invalid', async () => {
  const e = env();
  const ns = await e.createNamespace('typo');
  const { settings } = e.config();
  const gateway = new KubeGateway(e.cp.adminKubeConfig, 'typo-test');
  const fn = functionIn(ns, 'typo');
  const applied: Array<[CustomResource, KubeObject]> = [
    [RESOURCES.knativeService, knativeService(fn, IMAGE)],
    [RESOURCES.broker, invocationBroker(ns, settings.rabbitCluster)],
    [RESOURCES.trigger, trigger(fn, settings.dlqForwarderUrl)],
    [RESOURCES.rabbitExchange, deadLetterExchange(ns, settings.rabbitCluster)],
    [RESOURCES.rabbitQueue, deadLetterQueue(fn, settings.rabbitCluster)],
    [RESOURCES.rabbitBinding, deadLetterBinding(fn, settings.rabbitCluster)],
  ];
  for (const [resource, obj] of applied) {
    const err = await refusal(gateway.apply('knativeServicesWrite', resource, withTypo(obj)));
    const body = JSON.parse((err as { body: string }).body) as { reason?: string };
    expect([resource.kind, statusCode(err), body.reason, errorMessage(err), isInvalid(err)]).toEqual([
      resource.kind,
      500,
      undefined,
      expect.stringMatching(OFF_SCHEMA),
      true,
    ]);
    // the same object without the typo is accepted: the refusal is the typo's
    await gateway.apply('knativeServicesWrite', resource, obj);
  }

  // a 500 that says nothing about the request (here the fault proxy's InternalError) stays transient
  const proxy = e.cp.proxy!;
  proxy.addFault({ method: 'PATCH', path: /\/services\//, action: { type: 'status', status: 500 }, times: 1 });
  const viaProxy = new KubeGateway(e.cp.proxyKubeConfig!, 'typo-test');
  const transient = await refusal(viaProxy.apply('knativeServicesWrite', RESOURCES.knativeService, applied[0][1]));
  expect([statusCode(transient), isInvalid(transient)]).toEqual([500, false]);
});

/** a cluster whose CRD predates a field the operator sends: `property` (under `path` of the schema) is removed from
 *  the installed CRD until the returned undo puts it back */
async function undeclare(
  ext: ApiextensionsV1Api,
  resource: CustomResource,
  path: string[],
  property: string
): Promise<() => Promise<void>> {
  const name = `${resource.plural}.${resource.group}`;
  const schemaAt = (crd: V1CustomResourceDefinition) => {
    const version = crd.spec.versions.find((v) => v.name === resource.version)!;
    return path.reduce((schema, key) => schema.properties![key], version.schema!.openAPIV3Schema!).properties!;
  };
  const crd = await ext.readCustomResourceDefinition({ name });
  const saved = schemaAt(crd)[property];
  delete schemaAt(crd)[property];
  await ext.replaceCustomResourceDefinition({ name, body: crd });
  return async () => {
    const current = await ext.readCustomResourceDefinition({ name });
    schemaAt(current)[property] = saved;
    await ext.replaceCustomResourceDefinition({ name, body: current });
  };
}

/** applies `probe` until the API server answers as `refused` says (its schema caches follow a CRD change) */
const schemaServed = (gateway: KubeGateway, resource: CustomResource, probe: KubeObject, refused: boolean) =>
  eventually(`the API server ${refused ? 'refuses' : 'accepts'} ${resource.kind} ${probe.metadata?.name}`, () =>
    gateway.apply('knativeServicesWrite', resource, probe).then(
      () => (refused ? undefined : true),
      (err: unknown) => (refused && isInvalid(err) ? true : undefined)
    )
  );

/** the refusal counted once, under the step that made the request, and no reconcile ended in error (none was retried) */
async function expectCountedOnceNeverFailed(
  port: number,
  component: OperatorErrorComponent,
  errorType: OperatorErrorType
): Promise<void> {
  const errors = async (c: OperatorErrorComponent, t: OperatorErrorType) =>
    metricValue(port, OPERATOR_METRICS.errors.name, { component: c, error_type: t });
  const counted = await errors(component, errorType);
  const asApiErrors = await errors('reconcile', 'api_error');
  const failedReconciles = await metricValue(port, OPERATOR_METRICS.reconcileTotal.name, { result: 'error' });
  expect({ counted, asApiErrors, failedReconciles }).toEqual({ counted: 1, asApiErrors: 0, failedReconciles: 0 });
}

test('a Knative Service the cluster cannot hold: Failed with the API server message once, no retry loop; a spec change after the fix deploys', async () => {
  const e = env();
  const ns = await e.createNamespace('skew');
  const ext = e.cp.adminKubeConfig.makeApiClient(ApiextensionsV1Api);
  const gateway = new KubeGateway(e.cp.adminKubeConfig, 'skew-test');
  const probe = knativeService(functionIn(ns, 'schema-probe'), IMAGE);
  const redeclare = await undeclare(ext, RESOURCES.knativeService, ['spec', 'template', 'spec'], 'timeoutSeconds');
  await schemaServed(gateway, RESOURCES.knativeService, probe, true);
  const proxy = e.cp.proxy!;
  const firstRecorded = proxy.recorded.length;
  const operator = await e.startOperator({ viaProxy: true });
  const autopilot = await startAutopilot(e.cp.adminKubeConfig);
  try {
    await createFunction(e.custom, ns, 'skewed', functionIn(ns, 'skewed').spec);
    const failed = await eventually('Ready=False InvalidRequest', async () => {
      const fn = await getFunction(e.custom, ns, 'skewed');
      return conditionOf(fn, 'Ready')?.reason === REASONS.invalidRequest ? fn : undefined;
    });
    expect(failed.status?.phase).toBe('Failed');
    expect(conditionOf(failed, 'Ready')?.message).toMatch(
      /^the API server refused the operator's request as invalid: failed to create typed patch object \(.+\): \.spec\.template\.spec\.timeoutSeconds: field not declared in schema$/
    );
    // no hot loop: the operator goes quiet (with a retry loop it never would: its backoff tops at 2 s)
    const handled = await quiescentReconciles(operator.controller, 3000, 20_000);
    const applies = proxy.recorded
      .slice(firstRecorded)
      .filter((r) => r.method === 'PATCH' && r.path.includes('/services/skewed')).length;
    const conflicts = await metricValue(operator.port, OPERATOR_METRICS.errors.name, {
      component: 'reconcile',
      error_type: 'conflict',
    });
    process.stdout.write(
      `skewed CRD: ${applies} applies refused in ${handled} reconciles (${conflicts} conflict retries), then quiet\n`
    );
    // one apply per reconcile and per conflict retry within one; the first pass, the echoes of its finalizer
    // and status writes, and no more
    expect(applies).toBeGreaterThan(0);
    expect(applies).toBeLessThanOrEqual(handled + conflicts);
    expect(handled).toBeLessThanOrEqual(5);
    await expectCountedOnceNeverFailed(operator.port, 'deploy', 'service_failed');

    // the cluster is fixed; the condition stays until the spec changes, then the function deploys
    await redeclare();
    await schemaServed(gateway, RESOURCES.knativeService, probe, false);
    await patchSpec(e.custom, ns, 'skewed', { scaling: { maxReplicas: 3 } });
    await eventually('Ready after the spec change', async () =>
      (await getFunction(e.custom, ns, 'skewed'))?.status?.phase === 'Ready' ? true : undefined
    );
  } finally {
    await autopilot.stop();
    await operator.stop(); // the next test's operator must lead
    await redeclare().catch(() => undefined);
  }
}, 90_000);

test('a Trigger the cluster cannot hold: EventingReady=False and Failed with the API server message, no retry loop', async () => {
  const e = env();
  const ns = await e.createNamespace('skew-eventing');
  const ext = e.cp.adminKubeConfig.makeApiClient(ApiextensionsV1Api);
  const gateway = new KubeGateway(e.cp.adminKubeConfig, 'skew-test');
  const { settings } = e.config();
  const probe = trigger(functionIn(ns, 'schema-probe'), settings.dlqForwarderUrl);
  const redeclare = await undeclare(ext, RESOURCES.trigger, ['spec'], 'delivery');
  await schemaServed(gateway, RESOURCES.trigger, probe, true);
  const operator = await e.startOperator();
  await eventually('leadership', () => operator.isLeader());
  const autopilot = await startAutopilot(e.cp.adminKubeConfig);
  try {
    await createFunction(e.custom, ns, 'evented', { ...functionIn(ns, 'evented').spec, eventing: {} });
    const failed = await eventually('Ready=False InvalidRequest', async () => {
      const fn = await getFunction(e.custom, ns, 'evented');
      return conditionOf(fn, 'Ready')?.reason === REASONS.invalidRequest ? fn : undefined;
    });
    const offSchema = /failed to create typed patch object \(.+\): \.spec\.delivery: field not declared in schema$/;
    expect(failed.status?.phase).toBe('Failed');
    expect(conditionOf(failed, 'Ready')?.message).toMatch(offSchema);
    expect(conditionOf(failed, 'EventingReady')).toMatchObject({
      status: 'False',
      reason: REASONS.eventingFailed,
      message: expect.stringMatching(offSchema),
    });
    const handled = await quiescentReconciles(operator.controller, 3000, 20_000);
    expect(handled).toBeLessThanOrEqual(5);
    await expectCountedOnceNeverFailed(operator.port, 'eventing', 'eventing_failed');
  } finally {
    await autopilot.stop();
    await operator.stop();
    await redeclare();
  }
}, 90_000);
