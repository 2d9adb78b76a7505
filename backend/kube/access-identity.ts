// Who an org's settings make the backend be, towards which cluster and scope: a digest of the current cluster
// (URL, CA, TLS options) and user (token, certificate, token file…) as the client configuration holds them,
// without their local names, plus the namespace list. Equal digests mean the API server sees the same caller
// asking for the same data.
import { createHash } from 'node:crypto';

import type { KubeConfig } from '@kubernetes/client-node';

function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function accessIdentity(kc: KubeConfig, namespaces: string[] | null): string {
  const { name: _cluster, ...cluster } = kc.getCurrentCluster() ?? {};
  const { name: _user, ...user } = kc.getCurrentUser() ?? {};
  return createHash('sha256').update(JSON.stringify({ cluster, user, namespaces }, sortedKeys)).digest('hex');
}
