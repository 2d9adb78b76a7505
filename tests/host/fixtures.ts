import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A minimal app plugin dist/ (plugin.json + module.js) for server-level tests that need no real build. */
export function fakeDist(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'host-dist-'));
  mkdirSync(path.join(dir, 'img'));
  writeFileSync(path.join(dir, 'img', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(
    path.join(dir, 'plugin.json'),
    JSON.stringify({
      type: 'app',
      id: 'knative-lambda-app',
      name: 'Knative Lambda',
      executable: 'gpx_knative_lambda',
      info: { version: '1.2.3', logos: { small: 'img/logo.svg', large: 'img/logo.svg' }, description: 'd' },
      includes: [
        { type: 'page', name: 'Functions', path: '/a/knative-lambda-app/functions', addToNav: true, defaultNav: true },
        { type: 'page', name: 'Configuration', path: '/plugins/knative-lambda-app', role: 'Admin', addToNav: true },
      ],
      dependencies: { grafanaDependency: '>=12.4.0' },
    })
  );
  writeFileSync(path.join(dir, 'module.js'), 'define([], function () { return {}; });\n');
  return dir;
}

export function tempStateDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'host-state-'));
}
