// What the operator deploys is what its build produced, and where it deploys is its own: functions are
// deployed by the digest the build Pod reported (a later push to the same tag changes nothing), a build that
// reports no digest fails clearly, and a Knative Service of the same name that the function does not own is
// neither taken over nor deleted. Against a real kube-apiserver, as the operator's ServiceAccount.
import type { LambdaFunction } from '../src/api';
import { REASONS } from '../src/controller/reasons';
import type { KubeObject } from '../src/kube/gateway';
import { RESOURCES } from '../src/kube/resources';
import type { RunningOperator } from '../src/operator';

import {
  completeJob,
  createBuildPod,
  fakeDigest,
  finishJob,
  setServiceStatus,
  startJob,
} from './support/fake-controllers';
import { conditionOf, createFunction, deleteFunction, getFunction, inlineSpec } from './support/lambda';
import { operatorEnvPerFile } from './support/operator-env';
import { eventually } from './support/wait';

const env = operatorEnvPerFile();
const KSVC = RESOURCES.knativeService;
let operator: RunningOperator;

beforeAll(async () => {
  operator = await env().startOperator();
  await eventually('leadership', () => operator.isLeader());
});

const until = (ns: string, name: string, what: string, check: (fn: LambdaFunction) => boolean) =>
  eventually(`${ns}/${name}: ${what}`, async () => {
    const fn = await getFunction(env().custom, ns, name);
    return fn && check(fn) ? fn : undefined;
  });
const ksvcApi = (ns: string) => ({ group: KSVC.group, version: KSVC.version, plural: KSVC.plural, namespace: ns });
const readService = async (ns: string, name: string) =>
  (await env().custom.getNamespacedCustomObject({ ...ksvcApi(ns), name })) as KubeObject;
const services = async (ns: string) =>
  ((await env().custom.listNamespacedCustomObject(ksvcApi(ns))) as { items: KubeObject[] }).items;

async function jobOf(ns: string, name: string): Promise<string> {
  const fn = await until(ns, name, 'build Job', (f) => f.status?.build?.jobName !== undefined);
  await startJob(env().batch, ns, fn.status!.build!.jobName!, new Date(Date.now() - 2000));
  return fn.status!.build!.jobName!;
}

test('a build whose Pod reports no digest fails with a clear condition, and nothing is deployed', async () => {
  const ns = await env().createNamespace('no-digest');
  await createFunction(env().custom, ns, 'fn', inlineSpec());
  const job = await jobOf(ns, 'fn');
  await createBuildPod(env().core, ns, job, 'latest');
  await completeJob(env().batch, ns, job, 'succeed', new Date());
  const failed = await until(ns, 'fn', 'Failed', (f) => f.status?.phase === 'Failed');
  expect(conditionOf(failed, 'BuildReady')).toMatchObject({ status: 'False', reason: REASONS.buildFailed });
  expect(conditionOf(failed, 'BuildReady')?.message).toMatch(/reported no image digest \("latest"\)/);
  expect(await services(ns)).toEqual([]);
}, 60_000);

test('a Job that succeeded before its Pod is visible waits (DigestPending), then deploys by that digest', async () => {
  const ns = await env().createNamespace('late-pod');
  await createFunction(env().custom, ns, 'fn', inlineSpec());
  const job = await jobOf(ns, 'fn');
  await completeJob(env().batch, ns, job, 'succeed', new Date());
  const pending = await until(
    ns,
    'fn',
    'DigestPending',
    (f) => conditionOf(f, 'BuildReady')?.reason === REASONS.digestPending
  );
  expect(pending.status?.phase).toBe('Building');
  expect(await services(ns)).toEqual([]);
  await createBuildPod(env().core, ns, job);
  const deploying = await until(ns, 'fn', 'Deploying', (f) => f.status?.phase === 'Deploying');
  expect(deploying.status?.build?.imageDigest).toBe(fakeDigest(job));
  const image = ((await readService(ns, 'fn')).spec as any).template.spec.containers[0].image;
  expect(image).toBe(`${deploying.status!.build!.image!.replace(/:[0-9a-f]{16}$/, '')}@${fakeDigest(job)}`);
}, 60_000);

test('a Knative Service of the same name that the function does not own is neither taken over nor deleted', async () => {
  const ns = await env().createNamespace('foreign');
  const foreign = {
    apiVersion: `${KSVC.group}/${KSVC.version}`,
    kind: KSVC.kind,
    metadata: { name: 'fn', namespace: ns, labels: { team: 'payments' } },
    spec: { template: { spec: { containers: [{ image: 'registry.example/payments@sha256:' + 'b'.repeat(64) }] } } },
  };
  await env().custom.createNamespacedCustomObject({ ...ksvcApi(ns), body: foreign });
  const before = await readService(ns, 'fn');
  await createFunction(env().custom, ns, 'fn', inlineSpec());
  const job = await jobOf(ns, 'fn');
  await finishJob(env(), ns, job, 'succeed', new Date());
  const refused = await until(
    ns,
    'fn',
    'ServiceNotOwned',
    (f) => conditionOf(f, 'DeployReady')?.reason === REASONS.serviceNotOwned
  );
  expect(refused.status?.phase).toBe('Failed');
  expect(conditionOf(refused, 'Ready')?.message).toMatch(/does not own.*will not take it over or delete it/);
  const after = await readService(ns, 'fn');
  expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  expect(after.spec).toEqual(before.spec);

  await deleteFunction(env().custom, ns, 'fn');
  await eventually('function gone', async () => ((await getFunction(env().custom, ns, 'fn')) ? undefined : true));
  expect((await readService(ns, 'fn')).metadata?.uid).toBe(before.metadata?.uid);
}, 60_000);

test('its own Service is still deleted with the function', async () => {
  const ns = await env().createNamespace('own');
  await createFunction(env().custom, ns, 'fn', inlineSpec());
  const job = await jobOf(ns, 'fn');
  await finishJob(env(), ns, job, 'succeed', new Date());
  await until(ns, 'fn', 'Deploying', (f) => f.status?.phase === 'Deploying');
  await setServiceStatus(env().custom, ns, 'fn', 'True');
  await until(ns, 'fn', 'Ready', (f) => f.status?.phase === 'Ready');
  await deleteFunction(env().custom, ns, 'fn');
  await eventually('Service deleted', async () => ((await services(ns)).length === 0 ? true : undefined));
}, 60_000);
