// The plain Node.js bundles the docker-compose services run (docker-compose.yaml `x-host-builds`): the runtime
// wrapper, the traffic generator and the operator's metrics endpoint, built on the host with esbuild.
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** `outDir` replaces the repository root as the place the `out` paths are written to (tests). */
export function buildComposeBundles(root, outDir = root) {
  const compose = parse(readFileSync(join(root, 'docker-compose.yaml'), 'utf8'));
  const builds = compose['x-host-builds'];
  for (const { entry, out } of builds) {
    buildSync({
      entryPoints: [join(root, entry)],
      outfile: join(outDir, out),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'error',
    });
  }
  return builds;
}
