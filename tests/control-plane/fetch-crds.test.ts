// Proves fetch-crds.sh caches the upstream CRDs it names in source.json, and fails loudly, naming the module
// and the proxy's error, when the Go module proxy cannot serve a pinned version.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ensureUpstreamCrds } from '../../local/control-plane/harness';

const SCRIPT = path.resolve(__dirname, '../../local/control-plane/fetch-crds.sh');

describe('fetch-crds.sh', () => {
  it('caches every file source.json names, outside the repository', () => {
    const sources = ensureUpstreamCrds();
    expect(sources.length).toBe(2);
    for (const s of sources) {
      expect(s.files.length).toBeGreaterThan(0);
      s.files.forEach((f) => expect(fs.statSync(f).size).toBeGreaterThan(1000));
      expect(path.relative(path.resolve(__dirname, '../..'), s.files[0])).toMatch(/^\.\./);
    }
  });

  it('fails with the module and the proxy’s error when the version cannot be fetched', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'knl-fetch-crds-'));
    try {
      const run = spawnSync('bash', [SCRIPT], {
        encoding: 'utf8',
        env: { ...process.env, KNATIVE_LAMBDA_CACHE: cache, KNATIVE_SERVING_VERSION: 'v0.0.999' },
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/ERROR: go mod download knative\.dev\/serving@v0\.0\.999 failed: .*"Error"/s);
      expect(fs.readdirSync(cache, { recursive: true })).toEqual([]); // nothing half-fetched is cached
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);
});
