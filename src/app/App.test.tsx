import type { AppRootProps } from '@grafana/data';
import { config } from '@grafana/runtime';
import { render, screen } from '@testing-library/react';
import React from 'react';

import type { AppJsonData } from '../../backend/api/types';

import App from './App';
import { resolvePageSettings } from './pageSettings';

jest.mock('./sceneApp', () => ({ makeSceneApp: jest.fn() }));
jest.mock('@grafana/scenes', () => ({ useSceneApp: jest.fn() }));

describe('App', () => {
  it('shows the onboarding screen while Grafana has no Prometheus datasource', () => {
    config.datasources = {};
    render(<App {...({ meta: { jsonData: {} } } as unknown as AppRootProps<AppJsonData>)} />);
    expect(screen.getByTestId('data-testid kl-onboarding')).toHaveTextContent('Connect a Prometheus datasource');
    expect(screen.getByRole('link', { name: 'Configuration' })).toHaveAttribute('href', '/plugins/knative-lambda-app');
  });
});

describe('resolvePageSettings', () => {
  it('takes the rules defaults and rejects an objective outside (0, 1)', () => {
    expect(resolvePageSettings(undefined)).toEqual({
      objective: 0.999,
      window: '30d',
      prometheusUid: undefined,
      tempoUid: undefined,
    });
    expect(resolvePageSettings({ slo: { objective: 1.5 } }).objective).toBe(0.999);
    expect(
      resolvePageSettings({
        prometheusDatasourceUid: 'p',
        tempoDatasourceUid: 't',
        slo: { objective: 0.99, window: '7d' },
      })
    ).toEqual({
      prometheusUid: 'p',
      tempoUid: 't',
      objective: 0.99,
      window: '7d',
    });
  });
});
