import type { AppJsonData, AppSecureJsonData, KubernetesAccessMode } from '../../backend/api/types';

export interface SettingsForm {
  prometheusUid: string;
  tempoUid: string;
  mode: KubernetesAccessMode;
  kubeconfigPath: string;
  kubeconfigContext: string;
  apiUrl: string;
  caCert: string;
  /** a new token typed by the user; empty = keep what is stored */
  token: string;
  tokenConfigured: boolean;
  namespaces: string;
  objective: string;
  window: string;
}

export function formFromJsonData(jsonData: AppJsonData | undefined, tokenConfigured: boolean): SettingsForm {
  const k = jsonData?.kubernetes ?? {};
  return {
    prometheusUid: jsonData?.prometheusDatasourceUid ?? '',
    tempoUid: jsonData?.tempoDatasourceUid ?? '',
    mode: k.mode ?? (k.apiUrl ? 'apiUrl' : k.kubeconfigPath ? 'kubeconfig' : 'inCluster'),
    kubeconfigPath: k.kubeconfigPath ?? '',
    kubeconfigContext: k.kubeconfigContext ?? '',
    apiUrl: k.apiUrl ?? '',
    caCert: k.caCert ?? '',
    token: '',
    tokenConfigured,
    namespaces: (k.namespaces ?? []).join(', '),
    objective: jsonData?.slo?.objective !== undefined ? String(jsonData.slo.objective) : '',
    window: jsonData?.slo?.window ?? '',
  };
}

/** Problems that block saving, by field. */
export function validateForm(f: SettingsForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (f.mode === 'kubeconfig' && !f.kubeconfigPath.startsWith('/')) {
    errors.kubeconfigPath = 'An absolute path readable by the Grafana server';
  }
  if (f.mode === 'apiUrl' && !/^https:\/\/.+/.test(f.apiUrl)) {
    errors.apiUrl = 'An https:// URL of the Kubernetes API server';
  }
  if (f.mode === 'apiUrl' && !f.token && !f.tokenConfigured) {
    errors.token = 'A bearer token is needed with an API URL';
  }
  const objective = Number(f.objective);
  if (f.objective && !(objective > 0 && objective < 1)) {
    errors.objective = 'Between 0 and 1, e.g. 0.999';
  }
  if (f.window && !/^\d+(m|h|d|w)$/.test(f.window)) {
    errors.window = 'A duration such as 30d or 7d';
  }
  return errors;
}

/** What gets saved: jsonData without unused mode fields; the token only when a new one was typed. */
export function settingsPayload(f: SettingsForm): { jsonData: AppJsonData; secureJsonData?: AppSecureJsonData } {
  const namespaces = f.namespaces.split(/[\s,]+/).filter(Boolean);
  const kubernetes: AppJsonData['kubernetes'] = {
    mode: f.mode,
    ...(f.mode === 'kubeconfig'
      ? { kubeconfigPath: f.kubeconfigPath, ...(f.kubeconfigContext ? { kubeconfigContext: f.kubeconfigContext } : {}) }
      : {}),
    ...(f.mode === 'apiUrl' ? { apiUrl: f.apiUrl, ...(f.caCert ? { caCert: f.caCert } : {}) } : {}),
    ...(namespaces.length ? { namespaces } : {}),
  };
  const slo = { ...(f.objective ? { objective: Number(f.objective) } : {}), ...(f.window ? { window: f.window } : {}) };
  const jsonData: AppJsonData = {
    kubernetes,
    ...(f.prometheusUid ? { prometheusDatasourceUid: f.prometheusUid } : {}),
    ...(f.tempoUid ? { tempoDatasourceUid: f.tempoUid } : {}),
    ...(Object.keys(slo).length ? { slo } : {}),
  };
  return f.mode === 'apiUrl' && f.token ? { jsonData, secureJsonData: { bearerToken: f.token } } : { jsonData };
}
