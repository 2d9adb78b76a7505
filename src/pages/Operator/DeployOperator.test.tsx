import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import React from 'react';

import { resources } from '../../api/resources';

import { DeployOperator } from './DeployOperator';

jest.mock('../../api/resources', () => ({ resources: { deployOperator: jest.fn() } }));
const deploy = resources.deployOperator as jest.Mock;

describe('DeployOperator', () => {
  beforeEach(() => deploy.mockReset());

  it('tells a non-admin why the action is unavailable, with no button', () => {
    render(<DeployOperator admin={false} upgrade={false} />);
    expect(screen.getByText(/needs the Admin role/)).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('previews every object with a dry run before it lets an admin apply', async () => {
    deploy.mockResolvedValue({
      apiVersion: 'v1',
      dryRun: true,
      succeeded: true,
      results: [
        { apiVersion: 'v1', kind: 'Namespace', name: 'knative-lambda', action: 'created' },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'knative-lambda-operator',
          namespace: 'knative-lambda',
          action: 'configured',
        },
      ],
    });
    render(<DeployOperator admin upgrade />);
    const apply = screen.getByRole('button', { name: /Upgrade operator/ });
    expect(apply).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: /Preview upgrade/ }));
    await waitFor(() => expect(screen.getByText('Dry run: every object applies')).toBeInTheDocument());
    expect(deploy).toHaveBeenCalledWith({ dryRun: true });
    expect(screen.getByText('knative-lambda/knative-lambda-operator')).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(2);
    expect(apply).toBeEnabled();
  });
});
