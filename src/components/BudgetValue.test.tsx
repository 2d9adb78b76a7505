import { render, screen } from '@testing-library/react';
import React from 'react';

import { BudgetValue, budgetColor } from './BudgetValue';

describe('BudgetValue', () => {
  it('renders each of its four states', () => {
    const { rerender, container } = render(<BudgetValue state={{ status: 'value', value: 0.5 }} />);
    expect(screen.getByText('50.0 %')).toBeInTheDocument();
    rerender(<BudgetValue state={{ status: 'no data', why: 'no invocations in 30d' }} />);
    expect(screen.getByText('no data').closest('span[title]')).toHaveAttribute('title', 'no invocations in 30d');
    rerender(<BudgetValue state={{ status: 'error', message: 'bad_data' }} />);
    expect(screen.getByText('error')).toBeInTheDocument();
    rerender(<BudgetValue state={{ status: 'loading' }} />);
    expect(container.textContent).not.toMatch(/%|error|no data/);
  });

  it.each([
    [1, 'success'],
    [0.2, 'warning'],
    [0, 'error'],
    [-2, 'error'],
  ])('colours %s as %s', (remaining, color) => {
    expect(budgetColor(remaining)).toBe(color);
  });
});
