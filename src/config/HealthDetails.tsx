import { Alert } from '@grafana/ui';
import React from 'react';

import { testIds } from '../testIds';

import type { HealthResult } from './saveSettings';

/** The backend's CheckHealth answer: status, message and every detail it reports. */
export function HealthDetails({ health }: { health: HealthResult }) {
  const ok = health.status === 'OK';
  return (
    <div data-testid={testIds.config.health} data-status={health.status}>
      <Alert severity={ok ? 'success' : 'error'} title={ok ? 'Connected' : 'Health check failed'}>
        <p>{health.message}</p>
        {health.details && (
          <ul>
            {Object.entries(health.details).map(([k, v]) => (
              <li key={k}>
                <code>{k}</code>: {typeof v === 'string' ? v : JSON.stringify(v)}
              </li>
            ))}
          </ul>
        )}
      </Alert>
    </div>
  );
}
