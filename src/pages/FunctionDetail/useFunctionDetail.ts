import type { FunctionDetailResponse } from '../../../backend/api/types';
import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import { useResource, type ResourceState } from '../../api/useResource';

export function useFunctionDetail(loader: FunctionDetailLoader): ResourceState<FunctionDetailResponse> {
  return useResource(() => loader.get(), `${loader.namespace}/${loader.name}`);
}
