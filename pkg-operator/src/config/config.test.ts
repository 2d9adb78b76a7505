import { ConfigError, loadConfig } from './config';

test('defaults suit the in-cluster Deployment', () => {
  const c = loadConfig([], {});
  expect(c).toMatchObject({
    metricsHost: '0.0.0.0',
    metricsPort: 8080,
    leaderElection: true,
    scratchLimitBytes: 256 * 1024 ** 2,
    workers: 4,
  });
  expect(c.settings.maxContextBytes).toBe(8 * 1024 ** 2);
});

test('flags win over the environment', () => {
  const c = loadConfig(['--scratch-limit=64Mi', '--allow-source-hosts=git.internal,10.1.0.0/16'], {
    LAMBDA_SCRATCH_LIMIT: '1Gi',
    LAMBDA_ALLOW_SOURCE_HOSTS: 'x',
  });
  expect(c.scratchLimitBytes).toBe(64 * 1024 ** 2);
  expect(c.allowSourceHosts).toEqual(['git.internal', '10.1.0.0/16']);
});

test('bad values fail at startup naming the flag', () => {
  expect(() => loadConfig(['--workers=0'], {})).toThrow(/--workers=0/);
  expect(() => loadConfig(['--scratch-limit=lots'], {})).toThrow(/--scratch-limit/);
  expect(() => loadConfig(['--leader-elect=maybe'], {})).toThrow(ConfigError);
  expect(() => loadConfig(['--typo=1'], {})).toThrow(/unknown flag\(s\): --typo/);
  expect(() => loadConfig(['--context-part-bytes=2Mi'], {})).toThrow(/1MiB/);
});

test('the dead-letter sink is the forwarder Service in the operator namespace unless set', () => {
  expect(loadConfig([], { POD_NAMESPACE: 'ops' }).settings.dlqForwarderUrl).toBe(
    'http://lambda-dlq-forwarder.ops.svc.cluster.local'
  );
  expect(loadConfig(['--dlq-forwarder-url=http://dlq.example:8080/'], {}).settings.dlqForwarderUrl).toBe(
    'http://dlq.example:8080'
  );
  expect(() => loadConfig(['--dlq-forwarder-url=http://dlq/extra/path'], {})).toThrow(/--dlq-forwarder-url/);
});
