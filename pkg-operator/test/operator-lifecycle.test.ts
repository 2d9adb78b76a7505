// The operator against a real kube-apiserver, running as its own service account with the manifests' RBAC.
// The tests play the Job controller and Knative Serving by writing the status those controllers would.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { V1Service } from '@kubernetes/client-node';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

import { dlqQueueName, K8S_LABELS, OPERATOR_METRICS, RUNTIME_ENV } from '../../contract';
import type { LambdaFunction } from '../src/api';
import { GIT_CREDENTIALS_ROLE } from '../src/controller/git-secrets';
import type { KubeObject } from '../src/kube/gateway';
import { RESOURCES } from '../src/kube/resources';
import { buildJobName } from '../src/naming/names';
import type { RunningOperator } from '../src/operator';

import { contextArchive, listArchive } from './support/build-context-reader';
import { fakeDigest, finishJob, setServiceStatus, startJob } from './support/fake-controllers';
import type { GitServer } from './support/git-server';
import { createRepo, startGitServer } from './support/git-server';
import { conditionOf, createFunction, deleteFunction, getFunction, inlineSpec, patchSpec } from './support/lambda';
import type { OperatorEnv } from './support/operator-env';
import { OPERATOR_NAMESPACE, OPERATOR_SA, startOperatorEnv } from './support/operator-env';
import { metricValue, samples, scrape } from './support/scrape';
import { eventually } from './support/wait';

const GIT_CREDENTIALS = { username: 'bot', password: 's3cret' };
let env: OperatorEnv;
let operator: RunningOperator;
let git: GitServer;
let repos: string;

beforeAll(async () => {
  env = await startOperatorEnv();
  repos = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-repos-'));
  createRepo(repos, 'fn', {
    files: { 'src/index.js': 'exports.handler = async () => "from git";\n', 'README.md': 'not built\n' },
  });
  createRepo(repos, 'private', { files: { 'index.js': 'exports.handler = async () => "private";\n' } });
  git = await startGitServer(repos, { protectedPrefixes: ['/private'], credentials: GIT_CREDENTIALS });
  operator = await env.startOperator();
  await eventually('leadership', () => operator.isLeader());
}, 120_000);

afterAll(async () => {
  await git?.close();
  await env?.stop();
  fs.rmSync(repos, { recursive: true, force: true });
});

const get = (ns: string, name: string) => getFunction(env.custom, ns, name);
const until = (ns: string, name: string, what: string, check: (fn: LambdaFunction) => boolean, timeoutMs?: number) =>
  eventually(
    `${ns}/${name}: ${what}`,
    async () => {
      const fn = await get(ns, name);
      return fn && check(fn) ? fn : undefined;
    },
    timeoutMs
  );
const phase = (p: string) => (fn: LambdaFunction) => fn.status?.phase === p;
const KSVC = RESOURCES.knativeService;
const getService = (ns: string, name: string) =>
  env.custom.getNamespacedCustomObject({
    group: KSVC.group,
    version: KSVC.version,
    plural: KSVC.plural,
    namespace: ns,
    name,
  }) as Promise<KubeObject>;
const metric = (spec: { name: string }, labels: Record<string, string> = {}, suffix = '') =>
  metricValue(operator.port, spec.name + suffix, labels);

async function buildJob(ns: string, name: string) {
  const fn = await until(
    ns,
    name,
    'build Job recorded',
    (f) => f.status?.build?.jobName !== undefined && f.status.phase === 'Building'
  );
  return env.batch.readNamespacedJob({ namespace: ns, name: fn.status!.build!.jobName! });
}

async function completeBuild(
  ns: string,
  name: string,
  outcome: 'succeed' | 'fail' | 'timeout' = 'succeed',
  seconds = 42
) {
  const job = await buildJob(ns, name);
  const now = Date.now();
  await startJob(env.batch, ns, job.metadata!.name!, new Date(now - seconds * 1000));
  await finishJob(env, ns, job.metadata!.name!, outcome, new Date(now));
  return job;
}

async function toReady(ns: string, name: string): Promise<LambdaFunction> {
  await until(ns, name, 'Deploying', phase('Deploying'));
  await setServiceStatus(env.custom, ns, name, 'True');
  return until(ns, name, 'Ready', phase('Ready'));
}

test('an inline function is built from a context that holds Dockerfile, wrapper and code, then deployed', async () => {
  const ns = await env.createNamespace('inline');
  const successBefore = await metric(OPERATOR_METRICS.buildDuration, { runtime: 'nodejs', result: 'success' }, '_sum');
  await createFunction(env.custom, ns, 'hello', inlineSpec());
  const job = await buildJob(ns, 'hello');
  const fn = await get(ns, 'hello');
  expect(job.metadata!.name).toBe(buildJobName('hello', fn!.status!.contentHash!));
  const pod = job.spec!.template.spec!;
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(job.spec!.activeDeadlineSeconds).toBe(30 * 60);
  expect(pod.containers[0].resources?.limits).toBeDefined();
  const archive = listArchive(await contextArchive(env.core, ns, 'hello'));
  expect(archive.entries).toEqual(expect.arrayContaining(['Dockerfile', 'function/index.js', 'runtime/wrapper.js']));
  expect(archive.read('function/index.js')).toContain('exports.handler');
  expect(archive.read('Dockerfile')).toMatch(/^ARG BASE_IMAGE=node:20-alpine$/m);

  await completeBuild(ns, 'hello');
  const ready = await toReady(ns, 'hello');
  expect(conditionOf(ready, 'Ready')).toMatchObject({ status: 'True', observedGeneration: 1 });
  expect(ready.status!.service).toMatchObject({ ready: true, url: 'http://hello.inline.example.test' });
  expect(ready.metadata.finalizers).toContain('lambda.knative.io/finalizer');
  const ksvc = await getService(ns, 'hello');
  const template = (
    ksvc.spec as {
      template: {
        metadata: { labels: Record<string, string> };
        spec: { containers: Array<{ image: string; env: Array<{ name: string; value: string }> }> };
      };
    }
  ).template;
  expect(template.metadata.labels).toMatchObject({ [K8S_LABELS.function]: 'hello', [K8S_LABELS.runtime]: 'nodejs' });
  // deployed by the digest the build Pod reported, not by the (mutable) tag it pushed to
  const digest = fakeDigest(job.metadata!.name!);
  expect(ready.status!.build!.imageDigest).toBe(digest);
  expect(ready.status!.build!.image).toMatch(/^registry\.test:5000\/inline\/hello:[0-9a-f]{16}$/);
  expect(template.spec.containers[0].image).toBe(`registry.test:5000/inline/hello@${digest}`);
  expect(template.spec.containers[0].env).toEqual(
    expect.arrayContaining([
      { name: RUNTIME_ENV.function, value: 'hello' },
      { name: RUNTIME_ENV.namespace, value: ns },
      { name: RUNTIME_ENV.handler, value: 'index.handler' },
    ])
  );
  // the build duration comes from the Job's own times (42 s), not from when the operator noticed
  expect(await metric(OPERATOR_METRICS.buildDuration, { runtime: 'nodejs', result: 'success' }, '_sum')).toBe(
    successBefore + 42
  );
  // context ConfigMaps are removed once the build is done
  await eventually(
    'context ConfigMaps removed',
    async () => (await contextArchive(env.core, ns, 'hello')).length === 0
  );
}, 60_000);

test('an image source skips the build', async () => {
  const ns = await env.createNamespace('image');
  await createFunction(env.custom, ns, 'prebuilt', {
    source: { image: { repository: 'registry.test:5000/team/prebuilt', tag: 'v1.2.3', port: 9000 } },
    runtime: { language: 'python', version: '3.12' },
  });
  const ready = await toReady(ns, 'prebuilt');
  expect(conditionOf(ready, 'BuildReady')).toMatchObject({ status: 'True', reason: 'BuildSkipped' });
  expect(ready.status!.build!.image).toBe('registry.test:5000/team/prebuilt:v1.2.3');
  expect((await env.batch.listNamespacedJob({ namespace: ns })).items).toHaveLength(0);
}, 60_000);

test('a git source is cloned from a local git server through the source policy', async () => {
  const ns = await env.createNamespace('git');
  await createFunction(env.custom, ns, 'fromgit', {
    source: { git: { url: `${git.url}/fn.git`, ref: 'main', path: 'src' } },
    runtime: { language: 'nodejs', version: '20' },
  });
  await buildJob(ns, 'fromgit');
  const archive = listArchive(await contextArchive(env.core, ns, 'fromgit'));
  expect(archive.entries).toContain('function/index.js');
  expect(archive.entries).not.toContain('function/README.md');
  expect(archive.read('function/index.js')).toContain('from git');
  await completeBuild(ns, 'fromgit');
  await toReady(ns, 'fromgit');
}, 60_000);

test('git.secretRef is refused with instructions until the namespace grants Secret access, then used', async () => {
  const ns = await env.createNamespace('private');
  await env.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'git-auth' }, type: 'kubernetes.io/basic-auth', stringData: GIT_CREDENTIALS },
  });
  await createFunction(env.custom, ns, 'secretive', {
    source: { git: { url: `${git.url}/private.git`, secretRef: { name: 'git-auth' } } },
    runtime: { language: 'nodejs', version: '20' },
  });
  const refused = await until(ns, 'secretive', 'Failed', phase('Failed'));
  expect(conditionOf(refused, 'SourceReady')!.message).toContain(`ClusterRole ${GIT_CREDENTIALS_ROLE}`);

  await env.cp.adminKubeConfig.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
    namespace: ns,
    body: {
      metadata: { name: GIT_CREDENTIALS_ROLE },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: GIT_CREDENTIALS_ROLE },
      subjects: [{ kind: 'ServiceAccount', name: OPERATOR_SA, namespace: OPERATOR_NAMESPACE }],
    },
  });
  // the user retries by changing the spec; RBAC takes a moment to reach the authorizer, so retry until it has
  let attempt = 0;
  let lastPatch = 0;
  await eventually('a build with the granted credentials', async () => {
    const fn = await get(ns, 'secretive');
    const settled = fn?.status?.phase === 'Failed' && fn.status.observedGeneration === fn.metadata.generation;
    if (settled && Date.now() - lastPatch > 300) {
      lastPatch = Date.now();
      await patchSpec(env.custom, ns, 'secretive', { env: [{ name: 'ATTEMPT', value: String(++attempt) }] });
    }
    return fn?.status?.phase === 'Building' ? fn : undefined;
  });
  const archive = listArchive(await contextArchive(env.core, ns, 'secretive'));
  expect(archive.read('function/index.js')).toContain('private');
}, 60_000);

test('a failed build fails the function once, with the error counted once', async () => {
  const ns = await env.createNamespace('buildfail');
  const errorsBefore = await metric(OPERATOR_METRICS.errors, { component: 'build', error_type: 'job_failed' });
  await createFunction(env.custom, ns, 'broken', inlineSpec('exports.handler = () => 1;\n'));
  await completeBuild(ns, 'broken', 'fail', 7);
  const failed = await until(ns, 'broken', 'Failed', phase('Failed'));
  expect(conditionOf(failed, 'BuildReady')).toMatchObject({ status: 'False', reason: 'BuildFailed' });
  expect(conditionOf(failed, 'Ready')).toMatchObject({ status: 'False', reason: 'BuildFailed' });
  // more events for the same generation do not count the failure again, nor start another build
  await patchLabels(ns, 'broken', { touched: 'yes' });
  await eventually('label seen', async () => (await get(ns, 'broken'))?.metadata.labels?.touched === 'yes');
  await until(ns, 'broken', 'still Failed', phase('Failed'));
  expect(await metric(OPERATOR_METRICS.errors, { component: 'build', error_type: 'job_failed' })).toBe(
    errorsBefore + 1
  );
  expect((await env.batch.listNamespacedJob({ namespace: ns })).items).toHaveLength(1);
}, 60_000);

async function patchLabels(ns: string, name: string, labels: Record<string, string>) {
  const { PatchStrategy, setHeaderOptions } = await import('@kubernetes/client-node');
  const LF = RESOURCES.lambdaFunction;
  await env.custom.patchNamespacedCustomObject(
    { group: LF.group, version: LF.version, plural: LF.plural, namespace: ns, name, body: { metadata: { labels } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch)
  );
}

test('a source the policy rejects fails with ValidationFailed and counts errors_total{component="validation"} once', async () => {
  const ns = await env.createNamespace('redteam');
  const before = await metric(OPERATOR_METRICS.errors, { component: 'validation' });
  await createFunction(env.custom, ns, 'redteam-blue001-ssrf-metadata', {
    source: { git: { url: 'http://169.254.169.254/latest/meta-data/iam.git' } },
    runtime: { language: 'python', version: '3.12' },
  });
  const failed = await until(ns, 'redteam-blue001-ssrf-metadata', 'Failed', phase('Failed'));
  const source = conditionOf(failed, 'SourceReady');
  expect(source).toMatchObject({ status: 'False', reason: 'ValidationFailed', observedGeneration: 1 });
  expect(source!.message).toMatch(/169\.254\.169\.254|metadata|link-local/i);
  await patchLabels(ns, 'redteam-blue001-ssrf-metadata', { touched: 'yes' });
  await eventually(
    'label seen',
    async () => (await get(ns, 'redteam-blue001-ssrf-metadata'))?.metadata.labels?.touched === 'yes'
  );
  await until(ns, 'redteam-blue001-ssrf-metadata', 'still Failed', phase('Failed'));
  expect(await metric(OPERATOR_METRICS.errors, { component: 'validation' })).toBe(before + 1);
  expect((await env.batch.listNamespacedJob({ namespace: ns })).items).toHaveLength(0);
}, 60_000);

test('a spec change after Ready is acted on: new code rebuilds, a scaling change only redeploys', async () => {
  const ns = await env.createNamespace('change');
  await createFunction(env.custom, ns, 'evolving', inlineSpec('exports.handler = () => 1;\n'));
  await completeBuild(ns, 'evolving');
  const v1 = await toReady(ns, 'evolving');

  await patchSpec(env.custom, ns, 'evolving', { source: { inline: { code: 'exports.handler = () => 2;\n' } } });
  const building = await until(
    ns,
    'evolving',
    'rebuilding generation 2',
    (f) => f.status?.observedGeneration === 2 && f.status.phase === 'Building'
  );
  expect(building.status!.contentHash).not.toBe(v1.status!.contentHash);
  await completeBuild(ns, 'evolving');
  const v2 = await toReady(ns, 'evolving');
  expect(v2.status!.build!.image).not.toBe(v1.status!.build!.image);

  await patchSpec(env.custom, ns, 'evolving', {
    scaling: { minReplicas: 1, maxReplicas: 3, containerConcurrency: 10, targetConcurrency: 5 },
  });
  await until(
    ns,
    'evolving',
    'redeploying generation 3',
    (f) => f.status?.observedGeneration === 3 && f.status.phase === 'Deploying'
  );
  const ksvc = await getService(ns, 'evolving');
  const annotations = (ksvc.spec as { template: { metadata: { annotations: Record<string, string> } } }).template
    .metadata.annotations;
  expect(annotations['autoscaling.knative.dev/max-scale']).toBe('3');
  await setServiceStatus(env.custom, ns, 'evolving', 'True');
  const v3 = await until(
    ns,
    'evolving',
    'Ready at generation 3',
    (f) => f.status?.phase === 'Ready' && f.status.observedGeneration === 3
  );
  expect(v3.status!.build!.image).toBe(v2.status!.build!.image);
  expect((await env.batch.listNamespacedJob({ namespace: ns })).items).toHaveLength(2);
}, 90_000);

test('a code change during a build cancels the superseded build', async () => {
  const ns = await env.createNamespace('supersede');
  await createFunction(env.custom, ns, 'hasty', inlineSpec('exports.handler = () => "v1";\n'));
  const first = await buildJob(ns, 'hasty');
  await startJob(env.batch, ns, first.metadata!.name!);
  await patchSpec(env.custom, ns, 'hasty', { source: { inline: { code: 'exports.handler = () => "v2";\n' } } });
  const second = await until(
    ns,
    'hasty',
    'building generation 2',
    (f) => f.status?.observedGeneration === 2 && f.status.phase === 'Building'
  );
  expect(second.status!.build!.jobName).not.toBe(first.metadata!.name);
  await eventually('the first build Job deleted', async () => {
    const names = (await env.batch.listNamespacedJob({ namespace: ns })).items.map((j) => j.metadata!.name);
    return names.length === 1 && names[0] === second.status!.build!.jobName ? true : undefined;
  });
  await completeBuild(ns, 'hasty');
  await toReady(ns, 'hasty');
}, 60_000);

test('a transient Knative Service failure does not leave the function stuck in Failed', async () => {
  const ns = await env.createNamespace('blip');
  await createFunction(env.custom, ns, 'flaky', {
    source: { image: { repository: 'registry.test:5000/flaky', tag: '1' } },
    runtime: { language: 'go', version: '1.22' },
  });
  await toReady(ns, 'flaky');
  const before = await metric(OPERATOR_METRICS.errors, { component: 'deploy', error_type: 'service_failed' });
  await setServiceStatus(env.custom, ns, 'flaky', 'False', 'RevisionMissing');
  const failed = await until(ns, 'flaky', 'Failed', phase('Failed'));
  expect(conditionOf(failed, 'DeployReady')).toMatchObject({ status: 'False', reason: 'RevisionMissing' });
  await setServiceStatus(env.custom, ns, 'flaky', 'True');
  await until(ns, 'flaky', 'Ready again', phase('Ready'));
  expect(await metric(OPERATOR_METRICS.errors, { component: 'deploy', error_type: 'service_failed' })).toBe(before + 1);
}, 60_000);

test('eventing creates the broker, a trigger that cannot match replies and dead-letters to the forwarder, and the contract-named dead-letter queue', async () => {
  const ns = await env.createNamespace('events');
  const forwarder = parseAllDocuments(fs.readFileSync(path.join(__dirname, '../k8s/base/dlq-forwarder.yaml'), 'utf8'))
    .map((d) => d.toJS() as V1Service)
    .find((d) => d.kind === 'Service')!;
  await env.core.createNamespacedService({ namespace: forwarder.metadata!.namespace!, body: forwarder });
  await createFunction(env.custom, ns, 'consumer', {
    source: { image: { repository: 'registry.test:5000/consumer', tag: '1' } },
    runtime: { language: 'nodejs', version: '20' },
    eventing: { enabled: true, dlq: true, retries: 4, backoffDelay: 'PT2S' },
  });
  const ready = await toReady(ns, 'consumer');
  expect(conditionOf(ready, 'EventingReady')).toMatchObject({ status: 'True' });
  const read = (r: (typeof RESOURCES)[keyof typeof RESOURCES], name: string) =>
    env.custom.getNamespacedCustomObject({
      group: r.group,
      version: r.version,
      plural: r.plural,
      namespace: ns,
      name,
    }) as Promise<KubeObject>;
  const trigger = (await read(RESOURCES.trigger, 'consumer')).spec as {
    broker: string;
    filter: { attributes: Record<string, string> };
    subscriber: { ref: { name: string } };
    delivery: {
      retry: number;
      backoffPolicy: string;
      backoffDelay: string;
      deadLetterSink: { uri: string };
    };
  };
  expect(trigger.filter.attributes).toEqual({ type: 'io.knative.lambda.invoke', subject: 'consumer' });
  expect(trigger.delivery).toMatchObject({ retry: 4, backoffPolicy: 'exponential', backoffDelay: 'PT2S' });
  // everything referenced exists
  await read(RESOURCES.broker, trigger.broker);
  const sink = new URL(trigger.delivery.deadLetterSink.uri);
  const [serviceName, serviceNamespace] = sink.hostname.split('.');
  expect(sink.hostname).toBe(`${serviceName}.${serviceNamespace}.svc.cluster.local`);
  await env.core.readNamespacedService({ namespace: serviceNamespace, name: serviceName });
  expect(sink.pathname).toBe(`/${ns}`);
  const brokers = await env.custom.listNamespacedCustomObject({ ...RESOURCES.broker, namespace: ns });
  expect((brokers.items as KubeObject[]).map((b) => b.metadata?.name)).toEqual([trigger.broker]);
  await getService(ns, trigger.subscriber.ref.name);
  const queue = (await read(RESOURCES.rabbitQueue, 'consumer-dlq')).spec as { name: string };
  expect(queue.name).toBe(dlqQueueName(ns, 'consumer'));
  expect(queue.name).toMatch(/-dlq$/);
  const binding = (await read(RESOURCES.rabbitBinding, 'consumer-dlq')).spec as { source: string; destination: string };
  expect(binding.destination).toBe(queue.name);
  const exchanges = await env.custom.listNamespacedCustomObject({ ...RESOURCES.rabbitExchange, namespace: ns });
  expect((exchanges.items as KubeObject[]).map((e) => (e.spec as { name: string }).name)).toContain(binding.source);

  await patchSpec(env.custom, ns, 'consumer', { eventing: { enabled: false } });
  const count = async (r: (typeof RESOURCES)[keyof typeof RESOURCES]) =>
    (await env.custom.listNamespacedCustomObject({ ...r, namespace: ns })).items.length;
  await eventually(
    'trigger, queue and binding removed',
    async () =>
      (await count(RESOURCES.trigger)) +
        (await count(RESOURCES.rabbitQueue)) +
        (await count(RESOURCES.rabbitBinding)) ===
      0
  );
}, 60_000);

test('deleting a function removes what the operator created, then the finalizer', async () => {
  const ns = await env.createNamespace('delete');
  await createFunction(env.custom, ns, 'doomed', inlineSpec());
  await completeBuild(ns, 'doomed');
  await toReady(ns, 'doomed');
  await deleteFunction(env.custom, ns, 'doomed');
  await eventually('function gone', async () => (await get(ns, 'doomed')) === undefined);
  await expect(getService(ns, 'doomed')).rejects.toMatchObject({ code: 404 });
  expect((await env.batch.listNamespacedJob({ namespace: ns })).items).toHaveLength(0);
}, 60_000);

test('the function gauges come from the cache at scrape time, zero-filled per namespace', async () => {
  const ns = await env.createNamespace('gauges');
  await createFunction(env.custom, ns, 'one', inlineSpec());
  await until(ns, 'one', 'Building', phase('Building'));
  expect(await metric(OPERATOR_METRICS.functions, { namespace: ns, phase: 'Building', runtime: 'nodejs' })).toBe(1);
  expect(await metric(OPERATOR_METRICS.functions, { namespace: ns, phase: 'Ready', runtime: 'nodejs' })).toBe(0);
  expect(await metric(OPERATOR_METRICS.functionInfo, { namespace: ns, function: 'one', phase: 'Building' })).toBe(1);
  expect(await metric(OPERATOR_METRICS.functionSloObjective, { namespace: ns, function: 'one' })).toBe(0.999);
  expect(await metric(OPERATOR_METRICS.buildJobsActive, { namespace: ns })).toBe(0);
  const job = await buildJob(ns, 'one');
  await startJob(env.batch, ns, job.metadata!.name!);
  await eventually(
    'build_jobs_active 1',
    async () => (await metric(OPERATOR_METRICS.buildJobsActive, { namespace: ns })) === 1
  );
  expect(await metric(OPERATOR_METRICS.leader)).toBe(1);
  const exported = samples((await scrape(operator.port)).text).map((x) => x.name);
  expect(exported).toEqual(
    expect.arrayContaining([OPERATOR_METRICS.workqueueDepth.name, OPERATOR_METRICS.scratchLimitBytes.name])
  );
  await deleteFunction(env.custom, ns, 'one');
  await eventually(
    'function_info gone',
    async () => (await metric(OPERATOR_METRICS.functionInfo, { namespace: ns, function: 'one' })) === 0
  );
}, 60_000);
