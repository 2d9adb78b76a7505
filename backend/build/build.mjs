// `npm run build:backend`: dist/gpx_knative_lambda_linux_{amd64,arm64} as Node single executables, with the
// .proto files and the operator manifests embedded: `kubectl kustomize pkg-operator/k8s/base` (the real kustomize,
// backend/assets/render-kustomization.ts), so `POST operator/deploy` applies what `kubectl apply -k` applies.
// Runs after the frontend build (webpack empties dist/).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSea, LAZY_MODULES } from './sea.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const started = Date.now();
const plugin = JSON.parse(fs.readFileSync(path.join(root, 'plugin.json'), 'utf8'));

const assetsJson = execFileSync(
  path.join(root, 'node_modules/.bin/tsx'),
  [path.join(root, 'backend/build/collect-assets.ts')],
  {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  }
);
const assets = JSON.parse(assetsJson);
if (assets.operatorManifests.error) {
  console.error(`backend build: the operator manifests cannot be embedded: ${assets.operatorManifests.error}`);
  process.exit(1);
}

fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
const outputs = await buildSea(path.join(root, 'backend/main.ts'), path.join(root, 'dist', plugin.executable), {
  define: { __KNATIVE_LAMBDA_EMBEDDED__: 'true', __KNATIVE_LAMBDA_ASSETS__: assetsJson.trim() },
  lazy: LAZY_MODULES,
});
for (const out of outputs) {
  console.log(`backend build: ${path.relative(root, out)} ${(fs.statSync(out).size / 1e6).toFixed(1)} MB`);
}
console.log(
  `backend build: ${assets.operatorManifests.objects.length} operator objects from ${assets.operatorManifests.source}, ${((Date.now() - started) / 1000).toFixed(1)} s`
);
