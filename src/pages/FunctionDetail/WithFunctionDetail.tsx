import { LoadingPlaceholder } from '@grafana/ui';
import React from 'react';

import type { FunctionDetailResponse } from '../../../backend/api/types';
import type { FunctionDetailLoader } from '../../api/functionDetailLoader';
import { ApiErrorState } from '../../components/ApiErrorState';

import { useFunctionDetail } from './useFunctionDetail';

/** Renders `children` with the backend's detail of the function, or its loading or error state. */
export function WithFunctionDetail({
  loader,
  children,
}: {
  loader: FunctionDetailLoader;
  children: (detail: FunctionDetailResponse) => React.ReactNode;
}) {
  const { data, error, loading, reload } = useFunctionDetail(loader);
  if (error) {
    return <ApiErrorState error={error} onRetry={reload} />;
  }
  if (loading || !data) {
    return <LoadingPlaceholder text="Loading…" />;
  }
  return <>{children(data)}</>;
}
