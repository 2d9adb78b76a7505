// Builds the client configuration for one org's settings. In-cluster mode does not rely on the
// KUBERNETES_SERVICE_* variables: Grafana >= 12.4 does not forward its environment to plugins.
import * as fs from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeAccessSettings, SettingsError } from '../settings/app-settings';
import { k8s } from './client-module';

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function inClusterServer(): string {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host) {
    return 'https://kubernetes.default.svc';
  }
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function single(kc: KubeConfig, server: string, caData: string | undefined, caFile: string | undefined, user: object) {
  kc.loadFromOptions({
    clusters: [{ name: 'cluster', server, caData, caFile, skipTLSVerify: false }],
    users: [{ name: 'user', ...user }],
    contexts: [{ name: 'context', cluster: 'cluster', user: 'user' }],
    currentContext: 'context',
  });
}

export function kubeConfigFor(settings: KubeAccessSettings): KubeConfig {
  const kc = new (k8s().KubeConfig)();
  switch (settings.mode) {
    case 'kubeconfig': {
      try {
        kc.loadFromFile(settings.kubeconfigPath!);
      } catch (err) {
        throw new SettingsError(`cannot read kubeconfig ${settings.kubeconfigPath}: ${(err as Error).message}`);
      }
      if (settings.kubeconfigContext) {
        if (!kc.getContextObject(settings.kubeconfigContext)) {
          throw new SettingsError(`kubeconfig ${settings.kubeconfigPath} has no context ${settings.kubeconfigContext}`);
        }
        kc.setCurrentContext(settings.kubeconfigContext);
      }
      if (!kc.getCurrentCluster()) {
        throw new SettingsError(`kubeconfig ${settings.kubeconfigPath} has no current cluster`);
      }
      return kc;
    }
    case 'apiUrl': {
      const caData = settings.caCert ? Buffer.from(settings.caCert).toString('base64') : undefined;
      single(kc, settings.apiUrl!, caData, undefined, { token: settings.bearerToken });
      return kc;
    }
    case 'inCluster': {
      if (!fs.existsSync(`${SA_DIR}/token`)) {
        throw new SettingsError(
          `not running in a Kubernetes pod (no ${SA_DIR}/token): configure a kubeconfig path or an API URL and token in the app settings`
        );
      }
      single(kc, inClusterServer(), undefined, `${SA_DIR}/ca.crt`, {
        authProvider: { name: 'tokenFile', config: { tokenFile: `${SA_DIR}/token` } },
      });
      return kc;
    }
  }
}
