// What the stack deploys and how the app is configured on a first run (later runs keep the saved settings).
import { join } from 'node:path';

import { KUBECONFIG_DIRS_VARIABLE, MODES_VARIABLE } from '../../backend/settings/server-policy';
import plugin from '../../plugin.json';

import type { StackPaths } from './state-dir';

export const DEMO_NAMESPACE = 'lambda-demo';
export const OPERATOR = { namespace: 'knative-lambda', deployment: 'knative-lambda-operator' } as const;

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

/** Grafana looks the executable up as `<executable>_<os>_<arch>`. */
export function backendExecutable(distDir: string): string {
  const arch = GO_ARCH[process.arch];
  if (!arch) {
    throw new Error(`no backend executable is built for ${process.arch}`);
  }
  return join(distDir, `${plugin.executable}_${process.platform}_${arch}`);
}

export function initialAppSettings(grafanaKubeconfig: string) {
  return {
    enabled: true,
    jsonData: { kubernetes: { mode: 'kubeconfig', kubeconfigPath: grafanaKubeconfig } },
    secureJsonData: {},
  };
}

/** What grafana.ini's [plugin.knative-lambda-app] would say on this server: kubeconfig files from run/ only. */
export function backendServerPolicy(paths: StackPaths): Record<string, string> {
  return { [MODES_VARIABLE]: 'kubeconfig', [KUBECONFIG_DIRS_VARIABLE]: paths.run };
}
