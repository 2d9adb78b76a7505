// The operator tells Kubernetes what it does: events.k8s.io/v1 Events for the transitions a user cares about,
// read back from a real kube-apiserver; and a git host in trouble (503s) heals without anyone editing the
// function, with the retries recorded as one Event series.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { OPERATOR_METRICS } from '../../contract';
import type { LambdaFunction } from '../src/api';
import type { RunningOperator } from '../src/operator';
import { EVENT_CONTROLLER } from '../src/operator';

import { startAutopilot } from './support/autopilot';
import { finishJob, setServiceStatus, startJob } from './support/fake-controllers';
import type { GitServer } from './support/git-server';
import { createRepo, startGitServer } from './support/git-server';
import { eventsAbout } from './support/kube-events';
import { conditionOf, createFunction, deleteFunction, getFunction, inlineSpec } from './support/lambda';
import type { OperatorEnv } from './support/operator-env';
import { operatorEnvPerFile } from './support/operator-env';
import { metricValue } from './support/scrape';
import { eventually } from './support/wait';

const envOf = operatorEnvPerFile();
let env: OperatorEnv;
let operator: RunningOperator;
let git: GitServer;
let repos: string;

beforeAll(async () => {
  env = envOf();
  repos = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-events-repos-'));
  createRepo(repos, 'fn', { files: { 'index.js': 'exports.handler = async () => "from git";\n' } });
  git = await startGitServer(repos);
  operator = await env.startOperator({ overrides: { fetchRetry: { baseMs: 300, maxMs: 2_000 } } });
  await eventually('leadership', () => operator.isLeader());
}, 120_000);

afterAll(async () => {
  await git?.close();
  fs.rmSync(repos, { recursive: true, force: true });
});

const until = (ns: string, name: string, what: string, check: (fn: LambdaFunction) => boolean, timeoutMs?: number) =>
  eventually(
    `${ns}/${name}: ${what}`,
    async () => {
      const fn = await getFunction(env.custom, ns, name);
      return fn && check(fn) ? fn : undefined;
    },
    timeoutMs
  );

async function eventsWith(ns: string, name: string, reasons: string[]) {
  return eventually(`${ns}/${name}: Events ${reasons.join(', ')}`, async () => {
    const events = await eventsAbout(env.custom, ns, name);
    const seen = events.map((e) => e.reason);
    return reasons.every((r) => seen.includes(r)) ? events : undefined;
  });
}

test('a function built, deployed, ready and deleted leaves one Event per transition, about it, from the operator', async () => {
  const ns = await env.createNamespace('events');
  const created = await createFunction(env.custom, ns, 'hello', inlineSpec());
  const building = await until(ns, 'hello', 'Building', (f) => f.status?.build?.jobName !== undefined);
  const jobName = building.status!.build!.jobName!;
  await startJob(env.batch, ns, jobName, new Date(Date.now() - 5000));
  await finishJob(env, ns, jobName, 'succeed', new Date());
  await until(ns, 'hello', 'Deploying', (f) => f.status?.phase === 'Deploying');
  await setServiceStatus(env.custom, ns, 'hello', 'True');
  await until(ns, 'hello', 'Ready', (f) => f.status?.phase === 'Ready');
  await deleteFunction(env.custom, ns, 'hello');
  await eventually('deleted', async () => ((await getFunction(env.custom, ns, 'hello')) ? undefined : true));

  const events = await eventsWith(ns, 'hello', ['BuildStarted', 'BuildSucceeded', 'Deployed', 'Ready', 'Deleted']);
  expect(events.map((e) => e.reason)).toEqual(['BuildStarted', 'BuildSucceeded', 'Deployed', 'Ready', 'Deleted']);
  for (const event of events) {
    expect(event).toMatchObject({
      type: 'Normal',
      reportingController: EVENT_CONTROLLER,
      reportingInstance: operator.identity,
      regarding: { apiVersion: 'lambda.knative.io/v1alpha1', kind: 'LambdaFunction', name: 'hello', namespace: ns },
    });
    expect(event.regarding.uid).toBe(created.metadata.uid);
    expect(event.series).toBeUndefined();
  }
  expect(events.map((e) => e.action)).toEqual(['Build', 'Build', 'Deploy', 'Reconcile', 'Delete']);
  expect(events[0].note).toBe(`build Job ${jobName} created for ${building.status!.build!.image}`);
  expect(events[3].note).toBe('serving at http://hello.events.example.test');
});

test('a rejected source and a failed build are Warnings that say why', async () => {
  const ns = await env.createNamespace('warnings');
  await createFunction(env.custom, ns, 'metadata', {
    source: { git: { url: 'http://169.254.169.254/latest/meta-data/iam.git' } },
    runtime: { language: 'python', version: '3.12' },
  });
  await createFunction(env.custom, ns, 'broken', inlineSpec('exports.handler = () => 1;\n'));
  const autopilot = await startAutopilot(env.cp.adminKubeConfig, () => 'fail');
  try {
    await until(ns, 'broken', 'Failed', (f) => f.status?.phase === 'Failed');
  } finally {
    await autopilot.stop();
  }
  const [rejected] = await eventsWith(ns, 'metadata', ['ValidationFailed']);
  expect(rejected).toMatchObject({ type: 'Warning', action: 'CheckSource' });
  expect(rejected.note).toMatch(/169\.254\.169\.254/);
  const failed = await eventsWith(ns, 'broken', ['BuildFailed']);
  expect(failed.find((e) => e.reason === 'BuildFailed')).toMatchObject({ type: 'Warning', action: 'Build' });
});

test('a git host answering 503 three times heals by itself: retried with backoff, then Ready, without any edit', async () => {
  const ns = await env.createNamespace('flaky-git');
  const fetchFailures = () =>
    metricValue(operator.port, OPERATOR_METRICS.errors.name, { component: 'source', error_type: 'fetch_failed' });
  const failuresBefore = await fetchFailures();
  git.failNext(503, 3);
  const autopilot = await startAutopilot(env.cp.adminKubeConfig);
  const messages = new Set<string>();
  try {
    await createFunction(env.custom, ns, 'flaky', {
      source: { git: { url: `${git.url}/fn.git` } },
      runtime: { language: 'nodejs', version: '20' },
    });
    const ready = await until(
      ns,
      'flaky',
      'Ready after the retries',
      (f) => {
        const message = conditionOf(f, 'SourceReady')?.message ?? '';
        if (conditionOf(f, 'SourceReady')?.reason === 'FetchRetrying') {
          messages.add(message);
        }
        return f.status?.phase === 'Ready';
      },
      30_000
    );
    expect(ready.metadata.generation).toBe(1);
    expect(conditionOf(ready, 'SourceReady')).toMatchObject({ status: 'True', reason: 'SourceFetched' });
  } finally {
    await autopilot.stop();
  }
  // what a user saw meanwhile (the poll may miss an intermediate state, never invent one)
  expect(messages.size).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message).toMatch(/^the git server answered HTTP 503 for .*; retrying in \d+s, attempt [123]$/);
  }
  expect(await fetchFailures()).toBe(failuresBefore + 3);
  const events = await eventsWith(ns, 'flaky', ['FetchRetrying', 'Ready']);
  const retrying = events.filter((e) => e.reason === 'FetchRetrying');
  expect(retrying).toHaveLength(1);
  expect(retrying[0]).toMatchObject({ type: 'Warning', series: { count: 3 } });
});

test('a permanent fetch failure (404) stays failed until the spec changes, and the git host is not asked again', async () => {
  const ns = await env.createNamespace('missing-repo');
  await createFunction(env.custom, ns, 'missing', {
    source: { git: { url: `${git.url}/no-such-repo.git` } },
    runtime: { language: 'nodejs', version: '20' },
  });
  const failed = await until(
    ns,
    'missing',
    'FetchFailed',
    (f) => conditionOf(f, 'SourceReady')?.reason === 'FetchFailed'
  );
  expect(failed.status?.phase).toBe('Failed');
  expect(conditionOf(failed, 'Ready')?.message).toMatch(/HTTP 404.*check git\.url/);
  const asked = () => git.requests.filter((r) => r.includes('no-such-repo')).length;
  // a pass that started from the cache before the failure was stored may still be fetching: let it settle
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const settled = asked();
  expect(settled).toBeLessThanOrEqual(2 * 2); // info/refs, at most twice per pass
  await new Promise((resolve) => setTimeout(resolve, 2000)); // several periods of the 300 ms retry backoff
  expect(asked()).toBe(settled);
});
