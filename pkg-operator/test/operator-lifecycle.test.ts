// The operator against a real kube-apiserver, running as its own service account with the manifests' RBAC.
// The tests play the Job controller and Knative Serving by writing the status those controllers would.
import { buildJobName } from '../src/naming/names';
import { RunningOperator } from '../src/operator';
import { finishJob, setServiceStatus, startJob } from './support/fake-controllers';
import { conditionOf, createFunction, getFunction, inlineSpec } from './support/lambda';
import { OperatorEnv, startOperatorEnv } from './support/operator-env';
import { eventually } from './support/wait';

let env: OperatorEnv;
let operator: RunningOperator;

beforeAll(async () => {
  env = await startOperatorEnv();
  operator = await env.startOperator();
  await eventually('leadership', () => operator.isLeader()).catch((e) => { console.log(env.logs.join('\n')); throw e; });
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

async function jobOf(ns: string, name: string) {
  return eventually(`build Job of ${name}`, async () => {
    const fn = await getFunction(env.custom, ns, name);
    const jobName = fn?.status?.build?.jobName;
    return jobName ? env.batch.readNamespacedJob({ namespace: ns, name: jobName }) : undefined;
  });
}

test('an inline function goes Pending → Building → Deploying → Ready', async () => {
  const ns = await env.createNamespace('inline');
  await createFunction(env.custom, ns, 'hello', inlineSpec());
  const job = await jobOf(ns, 'hello');
  const hash = (await getFunction(env.custom, ns, 'hello'))!.status!.contentHash!;
  expect(job.metadata!.name).toBe(buildJobName('hello', hash));
  expect((await getFunction(env.custom, ns, 'hello'))!.status!.phase).toBe('Building');
  const started = new Date(Date.now() - 42_000);
  await startJob(env.batch, ns, job.metadata!.name!, started);
  await finishJob(env.batch, ns, job.metadata!.name!, 'succeed', new Date());
  await eventually('Deploying', async () => (await getFunction(env.custom, ns, 'hello'))?.status?.phase === 'Deploying');
  await setServiceStatus(env.custom, ns, 'hello', 'True');
  const ready = await eventually('Ready', async () => {
    const fn = await getFunction(env.custom, ns, 'hello');
    return fn?.status?.phase === 'Ready' ? fn : undefined;
  });
  expect(conditionOf(ready, 'Ready')).toMatchObject({ status: 'True', observedGeneration: 1 });
  expect(ready.status!.service).toMatchObject({ ready: true, url: 'http://hello.inline.example.test' });
  expect(ready.metadata.finalizers).toContain('lambda.knative.io/finalizer');
}, 60_000);
