// `npm run server`: the docker-compose stack with a real Grafana (needs a Docker engine). `npm start` runs the
// local stack on this machine instead.
import { spawnSync } from 'node:child_process';
import { buildComposeBundles } from './compose-host-builds.mjs';

const root = new URL('..', import.meta.url).pathname;
const engine = spawnSync('docker', ['info'], { stdio: 'ignore' });
if (engine.error || engine.status !== 0) {
  console.error('npm run server: no Docker engine is running here; `npm start` runs the whole stack without one.');
  process.exit(1);
}
if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) {
  process.exit(1);
}
buildComposeBundles(root);
process.exit(spawnSync('docker', ['compose', 'up', '--build'], { cwd: root, stdio: 'inherit' }).status ?? 1);
