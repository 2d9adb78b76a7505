// `npm start`: build the plugin, then bring up Grafana + Prometheus. With a Docker engine this is
// `docker compose up`; without one, local `prometheus` and (if installed) `grafana` binaries are used.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (run('npm', ['run', 'build']).status !== 0) {
  process.exit(1);
}

const dockerUp = has('docker') && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
if (dockerUp) {
  process.exit(run('docker', ['compose', 'up', '--build']).status ?? 1);
}

console.error('start: no Docker engine here; using local binaries instead.');
const work = mkdtempSync(join(tmpdir(), 'knative-lambda-start-'));
const children = [];
const start = (cmd, args, env = {}) => {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  return child;
};
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

start('prometheus', [
  `--config.file=${join(root, 'provisioning/prometheus/prometheus.yml')}`,
  `--storage.tsdb.path=${join(work, 'prometheus')}`,
  '--web.listen-address=127.0.0.1:9090',
  '--enable-feature=exemplar-storage',
]);
console.error('start: Prometheus with the knative-lambda rules on http://127.0.0.1:9090');

const grafana = ['grafana', 'grafana-server'].find(has);
if (!grafana) {
  console.error('start: no Grafana binary found (install Grafana or a Docker engine); serving Prometheus only.');
} else {
  const plugins = join(work, 'plugins');
  mkdirSync(plugins);
  symlinkSync(join(root, 'dist'), join(plugins, 'knative-lambda-app'));
  start(grafana, grafana === 'grafana' ? ['server'] : [], {
    GF_PATHS_PLUGINS: plugins,
    GF_PATHS_PROVISIONING: join(root, 'provisioning'),
    GF_PATHS_DATA: join(work, 'grafana'),
    GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS: 'knative-lambda-app',
    GF_SERVER_HTTP_ADDR: '127.0.0.1',
    PROMETHEUS_URL: 'http://127.0.0.1:9090',
  });
  console.error('start: Grafana with the plugin on http://127.0.0.1:3000');
}
