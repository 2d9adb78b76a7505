import { fireEvent, render, screen, within } from '@testing-library/react';
import React from 'react';

import type { FunctionRow } from '../../model/functionRow';
import { parseSort } from '../../model/sortRows';

import { FunctionsTable, PAGE_SIZE } from './FunctionsTable';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  locationService: { getSearch: () => new URLSearchParams('var-runtime=go&page=3&from=now-6h') },
}));

function row(i: number, patch: Partial<FunctionRow> = {}): FunctionRow {
  return {
    namespace: `ns${i % 7}`,
    name: `fn-${String(i).padStart(4, '0')}`,
    runtime: ['nodejs', 'python', 'go'][i % 3],
    phase: 'Ready',
    ready: true,
    conditions: [],
    slo: { objective: 0.999, latencyTargetSeconds: 5 },
    metrics: { firing: [], invocationRate: i / 10, errorRatio: 0, budgetRemaining: 1 - i / 2000, up: 1 },
    verdict: { state: 'Healthy' },
    ...patch,
  };
}

function renderTable(rows: FunctionRow[], sort = 'problems', onSort = jest.fn(), total = rows.length) {
  return render(
    <FunctionsTable rows={rows} total={total} sort={parseSort(sort)} page={1} onSort={onSort} onPage={jest.fn()} />
  );
}

describe('FunctionsTable', () => {
  it(`renders 1,000 functions as pages of ${PAGE_SIZE} rows, problems first`, () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(i));
    rows[500] = row(500, {
      verdict: { state: 'Failing' },
      metrics: {
        ...rows[500].metrics,
        firing: [{ alertname: 'KnativeLambdaFunctionHighErrorRate', severity: 'warning' }],
      },
    });
    renderTable(rows);
    const body = screen.getByTestId('data-testid kl-functions-table').querySelector('tbody')!;
    const trs = within(body).getAllByRole('row');
    expect(trs).toHaveLength(PAGE_SIZE);
    expect(trs[0]).toHaveTextContent('fn-0500');
    expect(trs[0]).toHaveTextContent('1 firing');
    expect(trs[1]).toHaveTextContent('fn-0999');
    expect(screen.getByTestId('data-testid kl-functions-pager')).toBeInTheDocument();
  });

  it('links each name to its detail page keeping the filters and time, not the page number', () => {
    renderTable([row(1)], 'name');
    expect(screen.getByRole('link', { name: 'fn-0001' })).toHaveAttribute(
      'href',
      '/a/knative-lambda-app/functions/ns1/fn-0001/overview?from=now-6h&var-runtime=go'
    );
  });

  it.each([
    ['budget', /Budget left/, { key: 'budget', desc: true }],
    ['-budget', /Budget left/, { key: 'budget', desc: false }],
    ['budget', /Invocations/, { key: 'rate', desc: true }],
    ['budget', /^Name$/, { key: 'name', desc: false }],
  ])('sorted by %s, a click on %s sorts by %j', (sort, header, expected) => {
    const onSort = jest.fn();
    renderTable([row(1)], sort, onSort);
    fireEvent.click(screen.getByRole('button', { name: header }));
    expect(onSort).toHaveBeenLastCalledWith(expected);
  });

  it('says when no function matches the filters', () => {
    renderTable([], 'problems', jest.fn(), 4);
    expect(screen.getByText('No function matches the filters.')).toBeInTheDocument();
  });

  it('never leaves a row of a function scaled to zero blank', () => {
    renderTable([
      row(2, { metrics: { firing: [] }, verdict: { state: 'Idle', reason: 'scaled to zero, no traffic' } }),
    ]);
    const cells = within(screen.getByTestId('data-testid kl-function-row ns2/fn-0002')).getAllByRole('cell');
    for (const cell of cells) {
      expect(cell.textContent?.trim()).not.toBe('');
    }
    expect(cells[5]).toHaveTextContent('0 /s');
    expect(cells[6]).toHaveTextContent('idle');
  });
});
