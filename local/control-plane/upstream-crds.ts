// Locates (fetching on first use) the real upstream CRDs of Knative Serving and the Prometheus operator. The
// work is done by fetch-crds.sh so that shell users, the bootstrap and the tests share one cache; see README.md.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { runCacheScript } from './cache-script';

/** One module's CRD files as fetch-crds.sh cached them (its source.json plus the absolute file paths). */
export interface UpstreamCrdSource {
  module: string;
  version: string;
  /** directory inside the module the files come from */
  path: string;
  /** absolute paths of the cached YAML files */
  files: string[];
}

let cached: UpstreamCrdSource[] | undefined;

export function ensureUpstreamCrds(): UpstreamCrdSource[] {
  if (cached) {
    return cached;
  }
  cached = runCacheScript('fetch-crds.sh', 'fetching the upstream CRDs').map((dir) => {
    const source = JSON.parse(fs.readFileSync(path.join(dir, 'source.json'), 'utf8')) as UpstreamCrdSource;
    return { ...source, files: source.files.map((f) => path.join(dir, f)) };
  });
  return cached;
}

/** The cached upstream CRD files, all modules. */
export function upstreamCrdPaths(): string[] {
  return ensureUpstreamCrds().flatMap((s) => s.files);
}
