import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import {
  type DeployRequest,
  type DeployResponse,
  type FunctionDetailResponse,
  type FunctionsQuery,
  type FunctionsResponse,
  type OperatorStatusResponse,
  RESOURCE_BASE_PATH,
} from '../../backend/api/types';

import { toResourceError } from './resourceError';

async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { params?: object; data?: unknown } = {}
): Promise<T> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<T>({
        url: `${RESOURCE_BASE_PATH}/${path}`,
        method,
        params: options.params,
        data: options.data,
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    );
    return response.data;
  } catch (thrown) {
    throw toResourceError(thrown);
  }
}

function definedParams(query: FunctionsQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
}

export const resources = {
  functions: (query: FunctionsQuery = {}) =>
    request<FunctionsResponse>('GET', 'functions', { params: definedParams(query) }),
  function: (namespace: string, name: string) =>
    request<FunctionDetailResponse>('GET', `functions/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`),
  operator: () => request<OperatorStatusResponse>('GET', 'operator'),
  deployOperator: (body: DeployRequest) => request<DeployResponse>('POST', 'operator/deploy', { data: body }),
};
