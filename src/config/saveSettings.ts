import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import type { AppJsonData, AppSecureJsonData } from '../../backend/api/types';
import { PLUGIN_ID } from '../constants';

export interface HealthResult {
  status: string;
  message: string;
  details?: Record<string, unknown>;
}

export async function saveSettings(body: {
  enabled: boolean;
  pinned: boolean;
  jsonData: AppJsonData;
  secureJsonData?: AppSecureJsonData;
}) {
  await lastValueFrom(
    getBackendSrv().fetch({
      url: `/api/plugins/${PLUGIN_ID}/settings`,
      method: 'POST',
      data: body,
      showErrorAlert: false,
    })
  );
}

/** Grafana's health check of the app (the backend's CheckHealth); an unhealthy answer is a result, not an exception. */
export async function checkHealth(): Promise<HealthResult> {
  try {
    const r = await lastValueFrom(
      getBackendSrv().fetch<HealthResult>({ url: `/api/plugins/${PLUGIN_ID}/health`, showErrorAlert: false })
    );
    return r.data;
  } catch (thrown) {
    const err = thrown as { data?: Partial<HealthResult>; status?: number };
    return {
      status: 'ERROR',
      message: err.data?.message ?? `health check failed (${err.status ?? 'no answer'})`,
      details: err.data?.details,
    };
  }
}
