import { Badge, type BadgeColor, type IconName } from '@grafana/ui';
import React from 'react';

import type { FunctionState, StateVerdict } from '../model/functionState';
import { testIds } from '../testIds';

const LOOK: Record<FunctionState, { color: BadgeColor; icon: IconName }> = {
  Failing: { color: 'red', icon: 'exclamation-circle' },
  Failed: { color: 'red', icon: 'times-circle' },
  Rejected: { color: 'red', icon: 'ban' },
  Degraded: { color: 'orange', icon: 'exclamation-triangle' },
  'No metrics': { color: 'orange', icon: 'eye-slash' },
  'Not ready': { color: 'blue', icon: 'sync' },
  Healthy: { color: 'green', icon: 'check-circle' },
  Idle: { color: 'darkgrey', icon: 'pause-circle' },
};

export function stateColor(state: FunctionState): BadgeColor {
  return LOOK[state].color;
}

export function StateBadge({ verdict }: { verdict: StateVerdict }) {
  const { color, icon } = LOOK[verdict.state];
  return (
    <span data-testid={testIds.functions.state} data-state={verdict.state} title={verdict.reason}>
      <Badge text={verdict.state} color={color} icon={icon} tooltip={verdict.reason} />
    </span>
  );
}
