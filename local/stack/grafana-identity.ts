// The identity the backend uses, as a Grafana installation would have it: the ServiceAccount grafana/grafana
// bound by the shipped backend/rbac manifests (reader, plus deployer so an Admin's "Deploy operator" works), and
// a kubeconfig holding its token. The backend never sees the admin credentials.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';

import type { ControlPlane } from '../control-plane/harness';

import type { Kubectl } from './kubectl';

export const GRAFANA_NAMESPACE = 'grafana';
export const GRAFANA_SERVICE_ACCOUNT = 'grafana';
const TOKEN_SECONDS = 7 * 24 * 3600;
const RBAC_FILES = ['backend/rbac/grafana-reader.yaml', 'backend/rbac/grafana-deployer.yaml'];

export async function provisionGrafanaIdentity(
  cp: ControlPlane,
  kc: Kubectl,
  repoRoot: string,
  kubeconfigPath: string
): Promise<void> {
  const token = await cp.tokenFor(GRAFANA_NAMESPACE, GRAFANA_SERVICE_ACCOUNT, TOKEN_SECONDS);
  await kc.run(['apply', '--server-side', ...RBAC_FILES.flatMap((f) => ['-f', join(repoRoot, f)])]);
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'local', server: cp.url, caData: Buffer.from(cp.caPem).toString('base64') }],
    users: [{ name: `${GRAFANA_NAMESPACE}/${GRAFANA_SERVICE_ACCOUNT}`, token }],
    contexts: [{ name: 'grafana', cluster: 'local', user: `${GRAFANA_NAMESPACE}/${GRAFANA_SERVICE_ACCOUNT}` }],
    currentContext: 'grafana',
  });
  writeFileSync(kubeconfigPath, config.exportConfig(), { mode: 0o600 });
}
