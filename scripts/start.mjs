// `npm start`: build the plugin when its inputs changed, then run the local stack (local/stack/cli.ts), which
// stops everything on Ctrl-C. `npm run server` runs the docker-compose stack with a real Grafana instead.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const BUILD_INPUTS = [
  'src',
  'backend',
  'contract',
  'rules',
  'pkg-operator/src/api',
  'pkg-operator/k8s',
  '.config',
  'plugin.json',
  'package-lock.json',
  'tsconfig.json',
];
const STAMP = join(root, 'dist', '.build-inputs.sha256');

function inputsHash() {
  const hash = createHash('sha256');
  const visit = (path) => {
    if (!existsSync(path)) {
      return;
    }
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name !== 'node_modules' && !name.startsWith('.eslintcache')) {
          visit(join(path, name));
        }
      }
      return;
    }
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  BUILD_INPUTS.forEach((p) => visit(join(root, p)));
  return hash.digest('hex');
}

const started = Date.now();
const want = inputsHash();
if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === want && existsSync(join(root, 'dist', 'module.js'))) {
  console.error('build: dist/ is up to date with src/, backend/ and plugin.json');
} else {
  console.error('build: the plugin (webpack) and the backend executables');
  if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) {
    process.exit(1);
  }
  writeFileSync(STAMP, want);
  console.error(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const stack = spawn(process.execPath, ['--import', 'tsx', 'local/stack/cli.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// The terminal's Ctrl-C reaches the stack directly (same process group); SIGTERM sent to us is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => stack.kill('SIGTERM'));
stack.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
