import type { FunctionDetailResponse } from '../../backend/api/types';

import { resources } from './resources';

export interface FunctionDetailLoader {
  namespace: string;
  name: string;
  /** the detail from the backend, fetched once per page until `refresh` */
  get(): Promise<FunctionDetailResponse>;
  refresh(): Promise<FunctionDetailResponse>;
}

export function makeFunctionDetailLoader(namespace: string, name: string): FunctionDetailLoader {
  let pending: Promise<FunctionDetailResponse> | undefined;
  const refresh = () => (pending = resources.function(namespace, name));
  return {
    namespace,
    name,
    get: () => pending ?? refresh(),
    refresh,
  };
}
