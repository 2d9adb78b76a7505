import { render, screen } from '@testing-library/react';
import React from 'react';

import type { LambdaFunctionSpec } from '../../../pkg-operator/src/api';

import { SpecSummary } from './SpecSummary';

const spec: LambdaFunctionSpec = {
  source: { inline: { code: 'def handler(e): return "secret-code"' } },
  runtime: { language: 'python', version: '3.11' },
  env: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
};

describe('SpecSummary', () => {
  it('hides env values and inline code from non-admins', () => {
    const { container } = render(<SpecSummary spec={spec} admin={false} />);
    expect(container.textContent).toContain('DB_PASSWORD=');
    expect(container.textContent).not.toContain('hunter2');
    expect(container.textContent).not.toContain('secret-code');
    expect(screen.getByText(/Admins only\./)).toBeInTheDocument();
  });

  it('shows them to admins', () => {
    const { container } = render(<SpecSummary spec={spec} admin />);
    expect(container.textContent).toContain('DB_PASSWORD=hunter2');
    expect(container.textContent).toContain('secret-code');
    expect(container.textContent).toContain('inline');
  });
});
