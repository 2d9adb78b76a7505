// Proves the control plane comes with a kubectl the server's version skew policy allows, whose built-in
// kustomize renders the operator's manifests and whose server-side apply the real API server accepts.
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { CoreV1Api } from '@kubernetes/client-node';

import type { ControlPlane } from '../../local/control-plane/harness';
import {
  ensureBinaries,
  ensureKubectl,
  serverVersion,
  startControlPlane,
  withinOneMinor,
} from '../../local/control-plane/harness';

const REPO = path.resolve(__dirname, '../..');
const run = promisify(execFile);

let cp: ControlPlane;

beforeAll(async () => {
  cp = await startControlPlane({ faultProxy: false });
}, 60 * 60_000);

afterAll(async () => {
  await cp?.stop();
});

function clientVersion(kubectl: string): string {
  const out = execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  return (JSON.parse(out) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
}

describe('kubectl', () => {
  it('is within one minor of the server: PATH’s when it is, else the one built from the server’s release', () => {
    const kubectl = ensureKubectl();
    expect(withinOneMinor(clientVersion(kubectl), serverVersion())).toBe(true);
    const pathVersion = (() => {
      try {
        return clientVersion('kubectl');
      } catch {
        return undefined;
      }
    })();
    const pathFits = pathVersion !== undefined && withinOneMinor(pathVersion, serverVersion());
    expect(kubectl === ensureBinaries().kubectl).toBe(!pathFits);
  });

  it('the skew rule: same major, at most one minor apart', () => {
    expect(withinOneMinor('v1.35.0', 'v1.36.3')).toBe(true);
    expect(withinOneMinor('v1.37.1', 'v1.36.3')).toBe(true);
    expect(withinOneMinor('v1.32.4-dispatcher', 'v1.36.3')).toBe(false);
    expect(withinOneMinor('v2.36.0', 'v1.36.3')).toBe(false);
    expect(withinOneMinor('garbage', 'v1.36.3')).toBe(false);
  });

  it('kustomize renders the operator’s base', async () => {
    const { stdout } = await run(ensureKubectl(), ['kustomize', path.join(REPO, 'pkg-operator/k8s/base')]);
    const kinds = [...stdout.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
    expect(kinds).toEqual(
      expect.arrayContaining(['CustomResourceDefinition', 'Deployment', 'ServiceMonitor', 'PodMonitor', 'Namespace'])
    );
  });

  it.each(['pkg-operator/k8s/base', 'pkg-operator/k8s/overlays/studio'])(
    'apply --server-side -k %s --dry-run=server is accepted by the API server',
    async (dir) => {
      // a dry run creates nothing, so the namespaced objects need their namespace to exist already
      await cp.adminKubeConfig
        .makeApiClient(CoreV1Api)
        .createNamespace({ body: { metadata: { name: 'knative-lambda' } } })
        .catch((err: { code?: number }) => {
          if (err.code !== 409) {
            throw err;
          }
        });
      const { stdout } = await run(ensureKubectl(), [
        '--kubeconfig',
        cp.kubeconfigPath,
        'apply',
        '--server-side',
        '--dry-run=server',
        '-k',
        path.join(REPO, dir),
      ]);
      expect(stdout).toMatch(/deployment\.apps\/knative-lambda-operator serverside-applied \(server dry run\)/);
      expect(stdout).toMatch(/podmonitor\.monitoring\.coreos\.com\/\S+ serverside-applied \(server dry run\)/);
    },
    60_000
  );
});
