// What the Grafana SERVER allows, whatever an org's Admin saves in the app settings: which Kubernetes access
// modes, and which directories kubeconfig files may come from. Grafana passes the `[plugin.knative-lambda-app]`
// section of grafana.ini to the plugin process as GF_PLUGIN_<KEY> variables (a GF_PLUGIN_<KEY> variable on the
// Grafana process overrides a key that section sets), so this reads:
//   allowed_kubernetes_modes → GF_PLUGIN_ALLOWED_KUBERNETES_MODES  (comma-separated: inCluster,kubeconfig,apiUrl)
//   kubeconfig_dirs          → GF_PLUGIN_KUBECONFIG_DIRS           (comma-separated absolute directories)
// Per-org settings pick one mode inside this; they can narrow, never widen.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { KubernetesAccessMode } from '../api/types';

import type { KubeAccessSettings } from './app-settings';
import { SettingsError } from './app-settings';

export const MODES_VARIABLE = 'GF_PLUGIN_ALLOWED_KUBERNETES_MODES';
export const KUBECONFIG_DIRS_VARIABLE = 'GF_PLUGIN_KUBECONFIG_DIRS';
/** Grafana's first org: the one a standard single-org install uses */
export const MAIN_ORG_ID = '1';

const ALL_MODES: readonly KubernetesAccessMode[] = ['inCluster', 'kubeconfig', 'apiUrl'];

export interface ServerPolicy {
  /** modes any org may use; undefined = the default (see modesFor) */
  modes?: readonly KubernetesAccessMode[];
  kubeconfigDirs: readonly string[];
}

/**
 * The default, when the server sets no modes: the main org may use Grafana's own service account
 * (inCluster, so a standard in-cluster install works unconfigured); every other org only a cluster it brings
 * its own credentials for (apiUrl + token). kubeconfig files need kubeconfig_dirs in either case.
 */
export function modesFor(policy: ServerPolicy, orgId: string): readonly KubernetesAccessMode[] {
  if (policy.modes) {
    return policy.modes;
  }
  return orgId === MAIN_ORG_ID ? ALL_MODES : ['kubeconfig', 'apiUrl'];
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export function serverPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): ServerPolicy {
  const modes = list(env[MODES_VARIABLE]);
  const unknown = modes.filter((m) => !(ALL_MODES as readonly string[]).includes(m));
  if (unknown.length > 0) {
    throw new SettingsError(`${MODES_VARIABLE}: unknown mode(s) ${unknown.join(', ')}; use ${ALL_MODES.join(', ')}`);
  }
  const dirs = list(env[KUBECONFIG_DIRS_VARIABLE]);
  if (dirs.some((d) => !path.isAbsolute(d))) {
    throw new SettingsError(`${KUBECONFIG_DIRS_VARIABLE}: directories must be absolute paths`);
  }
  return {
    modes: modes.length > 0 ? (modes as KubernetesAccessMode[]) : undefined,
    kubeconfigDirs: dirs.map((d) => path.resolve(d)),
  };
}

let fromEnv: ServerPolicy | SettingsError | undefined;

/** the policy of this process (its environment does not change); an invalid one refuses every org, saying why */
export function serverPolicy(): ServerPolicy {
  if (fromEnv === undefined) {
    try {
      fromEnv = serverPolicyFromEnv();
    } catch (err) {
      fromEnv = err as SettingsError;
    }
  }
  if (fromEnv instanceof SettingsError) {
    throw fromEnv;
  }
  return fromEnv;
}

const inside = (file: string, dirs: readonly string[]) =>
  dirs.some((dir) => file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep));

function notAllowed(what: string): SettingsError {
  return new SettingsError(`${what} is not allowed on this Grafana server`);
}

/**
 * The org's settings if the server allows them, with the kubeconfig path resolved (symlinks followed) inside
 * an allowed directory. File errors say only "not allowed" or "cannot be read", never which failure it was.
 */
export function allowedByServer(access: KubeAccessSettings, orgId: string, policy: ServerPolicy): KubeAccessSettings {
  if (!modesFor(policy, orgId).includes(access.mode)) {
    throw notAllowed(`kubernetes.mode ${access.mode}`);
  }
  if (access.mode !== 'kubeconfig') {
    return access;
  }
  const requested = path.resolve(access.kubeconfigPath ?? '');
  if (!inside(requested, policy.kubeconfigDirs)) {
    throw notAllowed('this kubeconfig path');
  }
  let real: string;
  try {
    real = fs.realpathSync(requested);
  } catch {
    throw new SettingsError('this kubeconfig cannot be read');
  }
  if (
    !inside(
      real,
      policy.kubeconfigDirs.map((d) => realOrSelf(d))
    )
  ) {
    throw notAllowed('this kubeconfig path');
  }
  return { ...access, kubeconfigPath: real };
}

function realOrSelf(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}
