// The Python build installs wheels only: with the exact pip options of runtimes/python/Dockerfile, a package
// that exists only as an sdist (whose setup.py would run as root beside Kaniko's registry credentials) is
// refused and its code never runs. The same install without the option runs it — so the test can fail.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const DOCKERFILE = path.resolve(__dirname, '../runtimes/python/Dockerfile');

function requirePython(): string {
  const found = spawnSync('python3', ['-m', 'pip', '--version'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error('python3 with pip is required for this test (apt-get install python3-pip)');
  }
  return 'python3';
}

/** the options the Dockerfile passes to `pip install` before `-r requirements.txt` */
function dockerfilePipOptions(): string[] {
  const run = fs
    .readFileSync(DOCKERFILE, 'utf8')
    .split('\n')
    .find((line) => line.startsWith('RUN ') && line.includes('pip install'));
  const words = run!
    .slice(run!.indexOf('pip install') + 'pip install'.length)
    .split(/\s+/)
    .filter(Boolean);
  const options = words.slice(0, words.indexOf('-r'));
  const target = options.indexOf('--target');
  options.splice(target, 2); // the test installs into its own directory
  return options;
}

let dir: string;
let python: string;
const marker = () => path.join(dir, 'setup-py-ran');

beforeAll(() => {
  python = requirePython();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wheels-only-'));
  const pkg = path.join(dir, 'evil-1.0');
  fs.mkdirSync(pkg);
  fs.writeFileSync(
    path.join(pkg, 'setup.py'),
    `import pathlib\npathlib.Path(${JSON.stringify(marker())}).write_text("ran")\n` +
      `from setuptools import setup\nsetup(name="evil", version="1.0", py_modules=[])\n`
  );
  fs.mkdirSync(path.join(dir, 'index'));
  execFileSync('tar', ['-czf', path.join(dir, 'index', 'evil-1.0.tar.gz'), '-C', dir, 'evil-1.0']);
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'evil==1.0\n');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const install = (options: string[]) =>
  spawnSync(
    python,
    [
      '-m',
      'pip',
      'install',
      ...options,
      '--no-index',
      '--find-links',
      path.join(dir, 'index'),
      '--target',
      path.join(dir, 'deps'),
      '--disable-pip-version-check',
      '-r',
      path.join(dir, 'requirements.txt'),
    ],
    { encoding: 'utf8', cwd: dir }
  );

test('the Dockerfile asks pip for wheels only', () => {
  expect(dockerfilePipOptions()).toContain('--only-binary=:all:');
});

test('with the Dockerfile`s options an sdist-only package is refused and its setup.py never runs', () => {
  const result = install(dockerfilePipOptions());
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/No matching distribution found for evil==1\.0/);
  expect(fs.existsSync(marker())).toBe(false);
});

test('without them the same install runs the package`s code (what the option prevents)', () => {
  const result = install(
    dockerfilePipOptions()
      .filter((o) => o !== '--only-binary=:all:')
      .concat('--no-build-isolation')
  );
  expect(fs.existsSync(marker())).toBe(true); // whether the build then succeeds does not matter: it ran
  expect(result.stdout + result.stderr).toMatch(/evil/);
});
