// Git sources against a real smart-HTTP git server on 127.0.0.1: fetching, connect-time address checks (DNS
// rebinding, redirects), symlinks that leave the checkout, the scratch budget, cancellation and cleanup.
import { randomBytes } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { LambdaFunctionSpec } from '../src/api';
import { createSourceModule } from '../src/sources';
import type { Resolver } from '../src/sources/guarded-lookup';
import { type SourceModule, SourceError } from '../src/sources/types';

import { type GitServer, createRepo, startGitServer } from './support/git-server';

const MiB = 1024 * 1024;
const NODE = { language: 'nodejs', version: '20', handler: 'index.handler' } as const;
const FN = { fn: { namespace: 'default', name: 'hello' } };

let server: GitServer;
let scratch: string;

const spec = (url: string, fields: Record<string, unknown> = {}): LambdaFunctionSpec => ({
  source: { git: { url, ...fields } },
  runtime: NODE,
});

function moduleWith(overrides: Partial<Parameters<typeof createSourceModule>[0]> = {}): SourceModule {
  return createSourceModule({
    policy: { allowList: ['127.0.0.1'] },
    tmpDir: scratch,
    scratchLimitBytes: 16 * MiB,
    maxConcurrentFetches: 4,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

const leftovers = () => readdirSync(scratch);

beforeAll(async () => {
  const repos = mkdtempSync(path.join(os.tmpdir(), 'sources-git-repos-'));
  scratch = mkdtempSync(path.join(os.tmpdir(), 'sources-git-scratch-'));
  createRepo(repos, 'hello', {
    files: {
      'fn/index.js': 'exports.handler = async (e) => e;\n',
      'fn/lib/util.js': 'module.exports = 1;\n',
      'README.md': '# hi\n',
    },
    symlinks: { 'fn/shared.js': 'lib/util.js' },
  });
  createRepo(repos, 'tagged', { files: { 'index.js': 'exports.handler = () => 2;\n' }, branch: 'release' });
  createRepo(repos, 'escape', {
    files: { 'fn/index.js': 'x' },
    symlinks: { 'fn/token': '/var/run/secrets/kubernetes.io/serviceaccount/token' },
  });
  createRepo(repos, 'escape-dir', { files: { 'fn/index.js': 'x' }, symlinks: { 'fn/up': '../../..' } });
  createRepo(repos, 'escape-path', { files: { 'index.js': 'x' }, symlinks: { src: '/etc' } });
  createRepo(repos, 'medium', { files: { 'index.js': 'x', 'data.bin': randomBytes(300 * 1024) } });
  createRepo(repos, 'bomb', { files: { 'index.js': 'x', 'zeros.bin': Buffer.alloc(12 * MiB) } });
  createRepo(repos, 'huge', { files: { 'index.js': 'x', 'blob.bin': randomBytes(6 * MiB) } });
  createRepo(repos, 'private', { files: { 'index.js': 'exports.handler = () => 3;\n' } });
  server = await startGitServer(repos, {
    protectedPrefixes: ['/private.git'],
    credentials: { username: 'bot', password: 's3cret' },
  });
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  server.delayMs = 0;
  server.redirects.clear();
  expect(leftovers()).toEqual([]);
});

describe('git sources', () => {
  it('fetches git.path of one ref, follows symlinks that stay inside, and removes the checkout', async () => {
    const sources = moduleWith();
    const result = await sources.prepareBuildContext(spec(`${server.url}/hello.git`, { path: 'fn' }), FN);
    expect(Object.keys(result.files).sort()).toEqual(['index.js', 'lib/util.js', 'shared.js']);
    expect(String(result.files['shared.js'])).toBe('module.exports = 1;\n');
    expect(result.bytes).toBe(34 + 20 + 20);
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await sources.prepareBuildContext(spec(`${server.url}/hello.git`, { path: 'fn' }), FN);
    expect(again.contentHash).toBe(result.contentHash);
    const other = await sources.prepareBuildContext(spec(`${server.url}/tagged.git`, { ref: 'release' }), FN);
    expect(Object.keys(other.files)).toEqual(['index.js']);
    expect(sources.scratchUsage()).toEqual({ usedBytes: 0, limitBytes: 16 * MiB });
  });

  it('reports a missing ref or path as something the user can fix', async () => {
    const sources = moduleWith();
    const ref = await failure(sources.prepareBuildContext(spec(`${server.url}/hello.git`, { ref: 'nope' }), FN));
    expect(ref).toMatchObject({ errorType: 'fetch_failed', reason: expect.stringContaining('"nope"') });
    const dir = await failure(sources.prepareBuildContext(spec(`${server.url}/hello.git`, { path: 'missing' }), FN));
    expect(dir).toMatchObject({ errorType: 'invalid_spec', reason: expect.stringContaining('does not exist') });
    const repo = await failure(sources.prepareBuildContext(spec(`${server.url}/absent.git`), FN));
    expect(repo).toMatchObject({ errorType: 'fetch_failed' });
  });

  it.each([
    ['a symlinked file', 'escape', 'fn'],
    ['a symlinked directory', 'escape-dir', 'fn'],
    ['git.path itself', 'escape-path', 'src'],
  ])('refuses %s that points outside the checkout', async (_, repo, gitPath) => {
    const error = await failure(
      moduleWith().prepareBuildContext(spec(`${server.url}/${repo}.git`, { path: gitPath }), FN)
    );
    expect(error.errorType).toBe('path_traversal');
    expect(error.reason).toMatch(/outside the checkout/);
  });

  it('authenticates with the Secret git.secretRef names', async () => {
    const secrets: Record<string, Record<string, string>> = {
      'default/git-creds': { username: 'bot', password: 's3cret' },
      'default/wrong-creds': { token: 'nope' },
    };
    const readSecret = async (namespace: string, name: string) => secrets[`${namespace}/${name}`];
    const sources = moduleWith({ readSecret });
    const url = `${server.url}/private.git`;
    const result = await sources.prepareBuildContext(spec(url, { secretRef: { name: 'git-creds' } }), FN);
    expect(Object.keys(result.files)).toEqual(['index.js']);
    const wrong = await failure(sources.prepareBuildContext(spec(url, { secretRef: { name: 'wrong-creds' } }), FN));
    expect(wrong).toMatchObject({ errorType: 'fetch_failed', reason: expect.stringContaining('git.secretRef') });
    const anonymous = await failure(sources.prepareBuildContext(spec(url), FN));
    expect(anonymous.errorType).toBe('fetch_failed');
    await expect(sources.prepareBuildContext(spec(url, { secretRef: { name: 'absent' } }), FN)).rejects.toThrow(
      /does not exist/
    );
    const unconfigured = await failure(
      moduleWith().prepareBuildContext(spec(url, { secretRef: { name: 'git-creds' } }), FN)
    );
    expect(unconfigured.errorType).toBe('invalid_spec');
  });

  it('needs the allow-list to reach 127.0.0.1 at all', async () => {
    const before = server.requests.length;
    const error = await failure(
      moduleWith({ policy: { allowList: [] } }).prepareBuildContext(spec(`${server.url}/hello.git`), FN)
    );
    expect(error.errorType).toBe('ssrf_blocked');
    expect(server.requests.length).toBe(before);
  });
});

describe('connect-time address checks', () => {
  const port = () => new URL(server.url).port;

  it('refuses a public-looking name that resolves to loopback, before sending anything', async () => {
    const looked: string[] = [];
    const resolve: Resolver = async (host) => (looked.push(host), [{ address: '127.0.0.1', family: 4 }]);
    const sources = moduleWith({ policy: { allowList: [] }, resolve });
    const url = `https://git.example.com:${port()}/hello.git`;
    expect(await sources.validateSource(spec(url))).toMatchObject({ allowed: false, errorType: 'ssrf_blocked' });
    const before = server.requests.length;
    const error = await failure(sources.prepareBuildContext(spec(url), FN));
    expect(error.errorType).toBe('ssrf_blocked');
    expect(error.reason).toContain('git.example.com');
    expect(error.reason).toContain('loopback');
    expect(looked).toContain('git.example.com');
    expect(server.requests.length).toBe(before);
  });

  it('catches DNS rebinding: every connection is checked, not only the first lookup', async () => {
    const answers: LookupAddress[][] = [
      [{ address: '127.0.0.1', family: 4 }],
      [{ address: '169.254.169.254', family: 4 }],
    ];
    let calls = 0;
    const resolve: Resolver = async () => answers[Math.min(calls++, answers.length - 1)];
    const sources = moduleWith({ policy: { allowList: ['127.0.0.1', 'git.rebind.example'] }, resolve });
    const before = server.requests.length;
    const error = await failure(sources.prepareBuildContext(spec(`http://git.rebind.example:${port()}/hello.git`), FN));
    expect(error.errorType).toBe('ssrf_blocked');
    expect(error.reason).toContain('metadata');
    expect(server.requests.slice(before)).toEqual(['/hello.git/info/refs?service=git-upload-pack']);
    expect(calls).toBe(2);
  });

  it.each([
    ['the metadata endpoint', 'http://169.254.169.254/latest/meta-data/', 'ssrf_blocked', /metadata/],
    ['another loopback address', 'http://127.0.0.2:1/hello.git', 'ssrf_blocked', /loopback/],
    ['the Kubernetes API', 'https://kubernetes.default.svc/api/v1/secrets', 'ssrf_blocked', /Kubernetes API/],
    ['a file', 'file:///etc/passwd', 'ssrf_blocked', /file:/],
  ])('refuses a redirect to %s', async (_, target, errorType, reason) => {
    server.redirects.set('/moved.git', target);
    const error = await failure(moduleWith().prepareBuildContext(spec(`${server.url}/moved.git`), FN));
    expect(error).toMatchObject({ errorType, reason: expect.stringMatching(reason) });
  });

  it('follows a redirect that stays allowed', async () => {
    server.redirects.set('/old-name.git', `${server.url}/hello.git`);
    const result = await moduleWith().prepareBuildContext(spec(`${server.url}/old-name.git`, { path: 'fn' }), FN);
    expect(Object.keys(result.files)).toContain('index.js');
  });
});

describe('scratch budget', () => {
  it('aborts a repository larger than one clone may use, cleanly', async () => {
    const sources = moduleWith({ scratchLimitBytes: 8 * MiB, maxConcurrentFetches: 2 });
    const error = await failure(sources.prepareBuildContext(spec(`${server.url}/huge.git`), FN));
    expect(error.errorType).toBe('scratch_exhausted');
    expect(error.reason).toMatch(/4194304-byte scratch budget/);
    expect(sources.scratchUsage().usedBytes).toBe(0);
  });

  it('aborts a small repository that expands beyond the budget on checkout, cleanly', async () => {
    const sources = moduleWith({ scratchLimitBytes: 8 * MiB, maxConcurrentFetches: 2 });
    const error = await failure(sources.prepareBuildContext(spec(`${server.url}/bomb.git`), FN));
    expect(error).toMatchObject({
      errorType: 'scratch_exhausted',
      reason: expect.stringContaining('checkout needs more'),
    });
    expect(sources.scratchUsage().usedBytes).toBe(0);
  });

  it('keeps parallel clones within the budget and the concurrency limit', async () => {
    const limitBytes = 3 * MiB;
    const sources = moduleWith({ scratchLimitBytes: limitBytes, maxConcurrentFetches: 3 });
    let peakUsed = 0;
    let peakDirs = 0;
    const sampler = setInterval(() => {
      peakUsed = Math.max(peakUsed, sources.scratchUsage().usedBytes);
      peakDirs = Math.max(peakDirs, leftovers().length);
    }, 2);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => sources.prepareBuildContext(spec(`${server.url}/medium.git`), FN))
    ).finally(() => clearInterval(sampler));
    expect(new Set(results.map((r) => r.contentHash)).size).toBe(1);
    expect(peakUsed).toBeGreaterThan(600 * 1024);
    expect(peakUsed).toBeLessThanOrEqual(limitBytes);
    expect(peakDirs).toBeGreaterThan(0);
    expect(peakDirs).toBeLessThanOrEqual(3);
  });

  it('cleans up when the clone is cancelled (a transient error) or times out (a source error)', async () => {
    server.delayMs = 2000;
    const controller = new AbortController();
    const cancelled = moduleWith().prepareBuildContext(spec(`${server.url}/hello.git`), {
      ...FN,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const reason = await cancelled.then(
      () => undefined,
      (e: unknown) => e
    );
    expect(reason).not.toBeInstanceOf(SourceError);
    expect(reason).toMatchObject({ name: 'AbortError' });
    const timedOut = moduleWith({ cloneTimeoutMs: 100 }).prepareBuildContext(spec(`${server.url}/hello.git`), FN);
    expect(await failure(timedOut)).toMatchObject({
      errorType: 'fetch_failed',
      reason: expect.stringContaining('longer than 0.1s'),
    });
  });
});
