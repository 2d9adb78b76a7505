import { LoadingPlaceholder, Text } from '@grafana/ui';
import React from 'react';

import { formatPercent } from './format';

export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'no data'; why: string }
  | { status: 'value'; value: T };

type TextColor = 'error' | 'warning' | 'success' | 'secondary';

export function budgetColor(remaining: number): TextColor {
  if (remaining <= 0) {
    return 'error';
  }
  return remaining < 0.25 ? 'warning' : 'success';
}

/** An error budget in one of four explicit states: loading, value (coloured), no data (with why), error. */
export function BudgetValue({ state }: { state: LoadState<number> }) {
  switch (state.status) {
    case 'loading':
      return <LoadingPlaceholder text="" />;
    case 'error':
      return (
        <span title={state.message}>
          <Text color="error">error</Text>
        </span>
      );
    case 'no data':
      return (
        <span title={state.why}>
          <Text color="secondary">no data</Text>
        </span>
      );
    case 'value':
      return <Text color={budgetColor(state.value)}>{formatPercent(state.value, 1)}</Text>;
  }
}
