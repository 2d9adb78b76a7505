// What Grafana does with the unpacked zip: it looks up `<executable>_<os>_<arch>` in the plugin folder, refuses
// links that leave it, and runs the executable from a plugins directory it may not write to. The executable is
// started from a read-only copy of the unpacked folder the way Grafana starts it (startPluginBackend), must
// handshake, must deploy-dry-run exactly the objects `kubectl kustomize pkg-operator/k8s/base` renders, and must
// leave the folder untouched.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ApiextensionsV1Api } from '@kubernetes/client-node';

import type { DeployResponse } from '../../backend/api/types';
import { kustomizeBuild, parseManifestStream } from '../../backend/assets/render-kustomization';
import type { ControlPlane } from '../../local/control-plane/harness';
import { ensureKubectl, startControlPlane } from '../../local/control-plane/harness';
import type { HostAppSettings, HostPluginBackend } from '../../local/host/server/plugin-backend';
import { startPluginBackend } from '../../local/host/server/plugin-backend';

import { extractTo, packageBuiltDist, PLUGIN_ID, readZip, REPO_ROOT } from './support/zip-reader';

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

interface FileState {
  path: string;
  mode: string;
  size: number;
  mtimeMs: number;
}

/** every entry under dir, by lstat (a symlink shows as one) */
function snapshot(dir: string, prefix = ''): FileState[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const st = fs.lstatSync(full);
    const entry = { path: `${prefix}${name}`, mode: st.mode.toString(8), size: st.size, mtimeMs: st.mtimeMs };
    return st.isDirectory() ? [entry, ...snapshot(full, `${prefix}${name}/`)] : [entry];
  });
}

function makeReadOnly(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) {
      makeReadOnly(full);
    } else {
      fs.chmodSync(full, fs.statSync(full).mode & 0o555);
    }
  }
  fs.chmodSync(dir, 0o555);
}

describe('Grafana loading the unpacked zip', () => {
  let tmp: string;
  let pluginDir: string;
  let executable: string;
  let unpackedMode: number;
  let before: FileState[];
  let cp: ControlPlane;
  let backend: HostPluginBackend;
  let settings: HostAppSettings;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-catalog-load-'));
    const zipPath = packageBuiltDist(path.join(tmp, 'out'));
    extractTo(await readZip(zipPath), path.join(tmp, 'plugins'));
    pluginDir = path.join(tmp, 'plugins', PLUGIN_ID);
    const plugin = JSON.parse(fs.readFileSync(path.join(pluginDir, 'plugin.json'), 'utf8'));
    executable = path.join(pluginDir, `${plugin.executable}_${process.platform}_${GOARCH[process.arch]}`);
    unpackedMode = fs.lstatSync(executable).mode;
    makeReadOnly(pluginDir);
    before = snapshot(pluginDir);

    cp = await startControlPlane();
    const crds = await cp.adminKubeConfig.makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition();
    if (!crds.items.some((c) => c.spec.names.kind === 'PodMonitor')) {
      await cp.installCrds([path.join(REPO_ROOT, 'tests/backend/support/crds/podmonitor.yaml')]);
    }
    settings = {
      enabled: true,
      pinned: true,
      jsonData: { kubernetes: { mode: 'kubeconfig', kubeconfigPath: cp.kubeconfigPath } },
      secureJsonData: {},
      updatedMs: Date.now(),
    };
    backend = await startPluginBackend({
      executable,
      env: { GF_PLUGIN_KUBECONFIG_DIRS: path.dirname(cp.kubeconfigPath) },
      logFile: path.join(tmp, 'backend.log'),
    });
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    await cp?.stop();
    if (tmp) {
      fs.chmodSync(pluginDir, 0o755);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('finds the executable for this platform as <executable>_<os>_<arch>: a regular file, unpacked with mode 0755', () => {
    expect(fs.lstatSync(executable).isFile()).toBe(true);
    expect((unpackedMode & 0o777).toString(8)).toBe('755');
  });

  it('holds no symlink anywhere in the unpacked folder', () => {
    expect(before.filter((f) => (parseInt(f.mode, 8) & 0o170000) === 0o120000)).toEqual([]);
  });

  it('handshakes when run from the read-only folder with another working directory', () => {
    expect(backend.handshakeMs.length).toBe(1);
    expect(backend.pid()).toBeDefined();
  });

  it('deploy dry-run lists exactly the objects kubectl kustomize renders, in its order', async () => {
    const res = await backend.callResource(
      {
        method: 'POST',
        path: 'operator/deploy',
        url: 'operator/deploy',
        headers: { 'content-type': ['application/json'] },
        body: Buffer.from('{"dryRun":true}'),
      },
      { user: { login: 'admin', name: 'Admin', email: 'admin@example.com', role: 'Admin', orgId: 1 }, settings }
    );
    const body = JSON.parse(res.body.toString('utf8')) as DeployResponse;
    expect([res.status, body.results.filter((r) => r.action === 'failed')]).toEqual([200, []]);
    const rendered = parseManifestStream(
      kustomizeBuild(path.join(REPO_ROOT, 'pkg-operator/k8s/base'), ensureKubectl())
    );
    expect(body.results.map((r) => [r.apiVersion, r.kind, r.namespace, r.name])).toEqual(
      rendered.map((o) => [o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name])
    );
  });

  it('wrote nothing into the plugin folder after serving and stopping', async () => {
    await backend.stop();
    expect(snapshot(pluginDir)).toEqual(before);
  });
});
