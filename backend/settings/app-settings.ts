// Turns Grafana's AppInstanceSettings into validated Kubernetes access settings. jsonData may be empty or
// `null` (never-saved settings): both mean {}. Invalid settings are reported, never guessed around.
import type { AppJsonData, KubernetesAccessMode } from '../api/types';
import type { AppInstanceSettings } from '../protocol/wire-types';
import { isDnsLabel } from '../resources/names';

export interface KubeAccessSettings {
  mode: KubernetesAccessMode;
  kubeconfigPath?: string;
  kubeconfigContext?: string;
  apiUrl?: string;
  caCert?: string;
  bearerToken?: string;
  namespaces: string[] | null;
}

export class SettingsError extends Error {}

export function parseJsonData(bytes: Buffer | undefined | null): AppJsonData {
  const text = bytes ? bytes.toString('utf8').trim() : '';
  if (text === '' || text === 'null') {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SettingsError(`the app's jsonData is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null) {
    return {};
  }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SettingsError("the app's jsonData must be a JSON object");
  }
  return parsed as AppJsonData;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new SettingsError(`kubernetes.${field} must be a string`);
  }
  return value;
}

function parseNamespaces(value: unknown): string[] | null {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    return null;
  }
  if (!Array.isArray(value) || !value.every((ns) => typeof ns === 'string' && isDnsLabel(ns))) {
    throw new SettingsError('kubernetes.namespaces must be a list of Kubernetes namespace names');
  }
  return [...new Set(value as string[])].sort();
}

function parseMode(value: unknown, apiUrl?: string, kubeconfigPath?: string): KubernetesAccessMode {
  if (value === undefined || value === null || value === '') {
    return apiUrl ? 'apiUrl' : kubeconfigPath ? 'kubeconfig' : 'inCluster';
  }
  if (value !== 'inCluster' && value !== 'kubeconfig' && value !== 'apiUrl') {
    throw new SettingsError('kubernetes.mode must be one of inCluster, kubeconfig, apiUrl');
  }
  return value;
}

export function kubeAccessSettings(settings: AppInstanceSettings | null | undefined): KubeAccessSettings {
  const k8s = (parseJsonData(settings?.jsonData).kubernetes ?? {}) as Record<string, unknown>;
  if (typeof k8s !== 'object' || Array.isArray(k8s)) {
    throw new SettingsError('kubernetes must be an object');
  }
  const apiUrl = optionalString(k8s.apiUrl, 'apiUrl');
  const kubeconfigPath = optionalString(k8s.kubeconfigPath, 'kubeconfigPath');
  const mode = parseMode(k8s.mode, apiUrl, kubeconfigPath);
  const access: KubeAccessSettings = {
    mode,
    kubeconfigPath,
    kubeconfigContext: optionalString(k8s.kubeconfigContext, 'kubeconfigContext'),
    apiUrl,
    caCert: optionalString(k8s.caCert, 'caCert'),
    bearerToken: optionalString(settings?.decryptedSecureJsonData?.bearerToken, 'bearerToken (secure)'),
    namespaces: parseNamespaces(k8s.namespaces),
  };
  if (mode === 'kubeconfig' && (!kubeconfigPath || !kubeconfigPath.startsWith('/'))) {
    throw new SettingsError('kubernetes.kubeconfigPath must be an absolute path when mode is kubeconfig');
  }
  if (mode === 'apiUrl') {
    if (!apiUrl || !/^https:\/\/[^/?#]+/.test(apiUrl)) {
      throw new SettingsError('kubernetes.apiUrl must be an https:// URL when mode is apiUrl');
    }
    if (!access.bearerToken) {
      throw new SettingsError('the bearer token (secureJsonData.bearerToken) is required when mode is apiUrl');
    }
  }
  return access;
}
