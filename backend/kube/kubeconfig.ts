// Builds the client configuration for one org's settings. In-cluster mode does not rely on the
// KUBERNETES_SERVICE_* variables: Grafana >= 12.4 does not forward its environment to plugins.
import * as fs from 'node:fs';

import type { KubeConfig } from '@kubernetes/client-node';

import type { KubeAccessSettings } from '../settings/app-settings';
import { SettingsError } from '../settings/app-settings';

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

/**
 * The path is chosen by an org admin inside the directories the server allows (server-policy.ts), who is not
 * necessarily allowed to read the Grafana host's files: a failure says only that the file cannot be read,
 * never why (missing, unreadable, not a kubeconfig) and never its content. Credential plugins (`exec`, auth
 * providers other than tokens) would run commands on the Grafana host and are refused.
 */
function fromKubeconfigFile(kc: KubeConfig, path: string, context: string | undefined): KubeConfig {
  try {
    kc.loadFromFile(path);
  } catch {
    throw new SettingsError('this kubeconfig cannot be read');
  }
  if (context) {
    if (!kc.getContextObject(context)) {
      throw new SettingsError(`the kubeconfig has no context ${context}`);
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) {
    throw new SettingsError('this kubeconfig cannot be read');
  }
  const user = kc.getCurrentUser();
  if (user?.exec || (user?.authProvider && user.authProvider.name !== 'tokenFile')) {
    throw new SettingsError(
      `the kubeconfig's user ${user.name} needs a credential plugin, which the backend does not run; use a token or a client certificate`
    );
  }
  return kc;
}

export function kubeConfigFor(settings: KubeAccessSettings): KubeConfig {
  const kc = new (k8s().KubeConfig)();
  switch (settings.mode) {
    case 'kubeconfig':
      return fromKubeconfigFile(kc, settings.kubeconfigPath!, settings.kubeconfigContext);
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
