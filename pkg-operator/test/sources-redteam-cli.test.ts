// The red-team LambdaFunctions from the original operator's reports, run through `check-source` as an SRE would.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { checkSourceCli } from '../src/sources/cli';

const FIXTURES = path.join(__dirname, 'fixtures', 'redteam');
const BIN = path.join(__dirname, '..', 'bin', 'lambda-operator.js');
const ORIGINAL_CASES = ['redteam-blue001-ssrf-k8s', 'redteam-blue001-ssrf-metadata', 'redteam-blue005-path-traversal'];
const EXPECT = 'test.lambda.knative.io/expect';

async function runCli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await checkSourceCli(['check-source', ...argv], {
    stdout: (l) => stdout.push(l),
    stderr: (l) => stderr.push(l),
  });
  return { status, verdicts: stdout.map((l) => JSON.parse(l)), stderr: stderr.join('\n') };
}

const hostile = readdirSync(FIXTURES).filter((f) => f.startsWith('redteam-'));

describe('check-source on the red-team fixtures', () => {
  it('covers the original red-team cases', () => {
    for (const name of [
      'redteam-blue001-ssrf-k8s',
      'redteam-blue001-ssrf-metadata',
      'redteam-blue005-path-traversal',
    ]) {
      expect(hostile).toContain(`${name}.yaml`);
    }
  });

  it.each(hostile)('%s is rejected with the expected error type and exit status 1', async (file) => {
    const expected = parse(readFileSync(path.join(FIXTURES, file), 'utf8')).metadata.annotations[EXPECT];
    const { status, verdicts } = await runCli(path.join(FIXTURES, file), '--allow-source-hosts', '');
    expect(status).toBe(1);
    expect(verdicts).toEqual([
      {
        allowed: false,
        errorType: expected,
        reason: expect.stringMatching(/.{20}/),
        name: `redteam-test/${file.replace('.yaml', '')}`,
      },
    ]);
  });

  it('allows a well-formed public source with exit status 0', async () => {
    const { status, verdicts } = await runCli(path.join(FIXTURES, 'allowed-public-git.yaml'));
    expect(status).toBe(0);
    expect(verdicts).toEqual([{ allowed: true, reason: expect.any(String), name: 'default/hello-git' }]);
  });

  it('lets the operator allow-list open an internal git server', async () => {
    const file = path.join(FIXTURES, 'redteam-blue001-internal-scan.yaml');
    const { status } = await runCli(file, '--allow-source-hosts=prometheus-operated.monitoring.svc.cluster.local');
    expect(status).toBe(0);
  });

  it('reports unreadable input and usage errors clearly', async () => {
    const missing = await runCli('/nonexistent/fn.yaml');
    expect(missing.status).toBe(1);
    expect(missing.verdicts[0]).toMatchObject({
      allowed: false,
      errorType: 'invalid_spec',
      reason: expect.stringContaining('cannot read'),
    });
    const usage = await runCli();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: lambda-operator check-source');
    const badAllowList = await runCli(
      path.join(FIXTURES, 'allowed-public-git.yaml'),
      '--allow-source-hosts',
      'not a host!'
    );
    expect(badAllowList.status).toBe(2);
  });

  it('works as the real `lambda-operator check-source -` command reading stdin', async () => {
    const yaml = ORIGINAL_CASES.map((name) => readFileSync(path.join(FIXTURES, `${name}.yaml`), 'utf8')).join('---\n');
    const { status, stdout } = await new Promise<{ status: number; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [BIN, 'check-source', '-'],
        { env: { ...process.env, LAMBDA_ALLOW_SOURCE_HOSTS: '' } },
        (error, out) => resolve({ status: error ? Number(error.code) : 0, stdout: out })
      );
      child.stdin!.end(yaml);
    });
    expect(status).toBe(1);
    const verdicts = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(verdicts.map((v) => [v.name, v.errorType])).toEqual([
      ['redteam-test/redteam-blue001-ssrf-k8s', 'ssrf_blocked'],
      ['redteam-test/redteam-blue001-ssrf-metadata', 'ssrf_blocked'],
      ['redteam-test/redteam-blue005-path-traversal', 'path_traversal'],
    ]);
  });
});
