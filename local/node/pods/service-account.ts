// The token the kubelet would project into a pod: minted with the TokenRequest API for the pod's ServiceAccount
// (never the node's admin identity), written next to a kubeconfig that reads it from the file, and re-minted
// before it expires (client-node re-reads a tokenFile every minute, as client-go does).
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { CoreV1Api } from '@kubernetes/client-node';

const EXPIRATION_SECONDS = 3600;

export interface PodCredentials {
  kubeconfigPath: string;
  stop(): void;
}

export async function mintToken(core: CoreV1Api, namespace: string, serviceAccount: string): Promise<string> {
  const request = await core.createNamespacedServiceAccountToken({
    namespace,
    name: serviceAccount,
    body: { spec: { audiences: [], expirationSeconds: EXPIRATION_SECONDS } },
  });
  if (!request.status?.token) {
    throw new Error(`TokenRequest for ${namespace}/${serviceAccount} returned no token`);
  }
  return request.status.token;
}

export async function podCredentials(
  core: CoreV1Api,
  dir: string,
  server: string,
  caPem: string,
  namespace: string,
  serviceAccount: string,
  log: (line: string) => void
): Promise<PodCredentials> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tokenPath = path.join(dir, 'token');
  const write = async () => {
    const token = await mintToken(core, namespace, serviceAccount);
    fs.writeFileSync(`${tokenPath}.tmp`, token, { mode: 0o600 });
    fs.renameSync(`${tokenPath}.tmp`, tokenPath);
  };
  await write();
  const user = `system:serviceaccount:${namespace}:${serviceAccount}`;
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'local', cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } },
    ],
    users: [{ name: user, user: { 'auth-provider': { name: 'tokenFile', config: { tokenFile: tokenPath } } } }],
    contexts: [{ name: 'local', context: { cluster: 'local', user, namespace } }],
    'current-context': 'local',
  };
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfigPath, JSON.stringify(kubeconfig, null, 2), { mode: 0o600 });
  // the kubelet refreshes at 80 % of the token's lifetime
  const timer = setInterval(
    () => void write().catch((err: unknown) => log(`refreshing the token of ${user} failed: ${String(err)}`)),
    EXPIRATION_SECONDS * 800
  );
  timer.unref();
  return { kubeconfigPath, stop: () => clearInterval(timer) };
}
