import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const LOGOS = { small: 'img/logo.svg', large: 'img/logo.svg' };
const created: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every dist and state directory these fixtures made (call it in afterAll). */
export function removeFixtureDirs(): void {
  for (const dir of created.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A dist/ of an app plugin with id knative-lambda-app: plugin.json (with `fields`), a logo and `moduleJs`. */
export function writeAppDist(fields: { name: string; info: object; includes: object[] }, moduleJs: string): string {
  const dir = tempDir('host-dist-');
  mkdirSync(path.join(dir, 'img'));
  writeFileSync(path.join(dir, 'img', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const plugin = { type: 'app', id: 'knative-lambda-app', ...fields, info: { logos: LOGOS, ...fields.info } };
  writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify(plugin));
  writeFileSync(path.join(dir, 'module.js'), moduleJs);
  return dir;
}

/** A minimal app plugin dist/ for server-level tests that need no real build. */
export function fakeDist(): string {
  return writeAppDist(
    {
      name: 'Knative Lambda',
      info: { version: '1.2.3', description: 'd' },
      includes: [
        { type: 'page', name: 'Functions', path: '/a/knative-lambda-app/functions', addToNav: true, defaultNav: true },
        { type: 'page', name: 'Configuration', path: '/plugins/knative-lambda-app', role: 'Admin', addToNav: true },
      ],
    },
    'define([], function () { return {}; });\n'
  );
}

/** A one-page fixture app (version 0.0.0) at `/a/knative-lambda-app/<page>`, rendered by `moduleJs`. */
export function fixtureAppDist(name: string, page: string, moduleJs: string): string {
  return writeAppDist(
    {
      name,
      info: { version: '0.0.0' },
      includes: [{ type: 'page', name, path: `/a/knative-lambda-app/${page}`, addToNav: true, defaultNav: true }],
    },
    moduleJs
  );
}

export function tempStateDir(): string {
  return tempDir('host-state-');
}
