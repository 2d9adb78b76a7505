import type { LambdaFunction } from '../api';
import { buildJobName, contextConfigMapName } from '../naming/names';

import { contextConfigMaps, DEFAULT_BUILD_SETTINGS, kanikoJob } from './kaniko-job';

const fn: LambdaFunction = {
  metadata: { name: 'fn', namespace: 'team', uid: 'u-1', generation: 1 },
  spec: {
    source: { inline: { code: 'x' } },
    runtime: { language: 'python', version: '3.12' },
    build: { timeout: '1h30m' },
  },
};
const hash = 'ab'.repeat(32);
const plan = {
  fn,
  contentHash: hash,
  image: 'registry.test/team/fn:abc',
  parts: [Buffer.from('one'), Buffer.from('two')],
  timeout: '1h30m',
};

test('the build Job is named by the content hash, bounded by the spec timeout and holds no credentials', () => {
  const job = kanikoJob(plan, DEFAULT_BUILD_SETTINGS);
  const pod = job.spec!.template.spec!;
  expect(job.metadata!.name).toBe(buildJobName('fn', hash));
  expect(job.metadata!.name!.length).toBeLessThanOrEqual(63);
  expect(job.spec!.activeDeadlineSeconds).toBe(5400);
  expect(job.spec!.backoffLimit).toBe(0);
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(pod.enableServiceLinks).toBe(false);
  expect(pod.containers[0].resources!.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
  expect(pod.containers[0].args).toEqual(
    expect.arrayContaining(['--context=tar:///workspace/context.tar.gz', '--destination=registry.test/team/fn:abc'])
  );
  expect(job.metadata!.ownerReferences).toEqual([
    expect.objectContaining({ kind: 'LambdaFunction', uid: 'u-1', controller: true }),
  ]);
});

test('the context travels in ordered ConfigMap parts that the init container joins', () => {
  const maps = contextConfigMaps(plan);
  expect(maps.map((m) => m.metadata!.name)).toEqual([
    contextConfigMapName('fn', hash, 0),
    contextConfigMapName('fn', hash, 1),
  ]);
  expect(maps.map((m) => Buffer.from(m.binaryData!['context.tar.gz'], 'base64').toString())).toEqual(['one', 'two']);
  const init = kanikoJob(plan, DEFAULT_BUILD_SETTINGS).spec!.template.spec!.initContainers![0];
  expect(init.volumeMounts!.map((m) => m.mountPath)).toEqual(['/context-parts/00', '/context-parts/01', '/workspace']);
  expect(init.securityContext).toMatchObject({
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
});
