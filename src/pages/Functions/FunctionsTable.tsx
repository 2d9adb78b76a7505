import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Icon, Pagination, Text, Tooltip, useStyles2 } from '@grafana/ui';
import React, { useMemo } from 'react';

import { BudgetValue } from '../../components/BudgetValue';
import { formatAge, formatPercent, formatRate, formatSeconds } from '../../components/format';
import { StateBadge } from '../../components/StateBadge';
import { getTableStyles } from '../../components/tableStyles';
import type { FunctionRow } from '../../model/functionRow';
import { lastBuildOf } from '../../model/lastBuild';
import { type SortKey, type SortSpec, sortRows } from '../../model/sortRows';
import { ROUTES, withPreservedParams } from '../../routing/routes';
import { testIds } from '../../testIds';

export const PAGE_SIZE = 50;

interface Column {
  key: SortKey;
  title: string;
  cell: (r: FunctionRow, styles: ReturnType<typeof getStyles>) => React.ReactNode;
}

function budgetCell(r: FunctionRow) {
  if (r.metrics.budgetRemaining !== undefined) {
    return <BudgetValue state={{ status: 'value', value: r.metrics.budgetRemaining }} />;
  }
  const why = r.verdict.state === 'Idle' ? 'no invocations in the window: the budget is untouched' : 'no series';
  return <BudgetValue state={{ status: 'no data', why }} />;
}

function lowTraffic(r: FunctionRow) {
  if (!r.guard?.suppressed) {
    return null;
  }
  return (
    <Tooltip content={r.guard.tooltip}>
      <span data-testid={testIds.functions.lowTraffic}>
        <Icon name="exclamation-triangle" title="low traffic: burn-rate alerts suppressed" />
      </span>
    </Tooltip>
  );
}

const idleZero = (r: FunctionRow, text: string) =>
  r.verdict.state === 'Idle' ? <Text color="secondary">idle</Text> : text;

const COLUMNS: Column[] = [
  {
    key: 'name',
    title: 'Name',
    // a plain anchor: Grafana turns same-origin link clicks into client-side navigation
    cell: (r, styles) => (
      <a
        className={styles.link}
        href={withPreservedParams(ROUTES.functionDetail(r.namespace, r.name), locationService.getSearch().toString())}
      >
        {r.name}
      </a>
    ),
  },
  { key: 'namespace', title: 'Namespace', cell: (r) => r.namespace },
  { key: 'runtime', title: 'Runtime', cell: (r) => r.runtime },
  { key: 'phase', title: 'Phase', cell: (r) => r.phase },
  { key: 'state', title: 'State', cell: (r) => <StateBadge verdict={r.verdict} /> },
  { key: 'rate', title: 'Invocations/s', cell: (r) => formatRate(r.metrics.invocationRate) },
  { key: 'errors', title: 'Error %', cell: (r) => idleZero(r, formatPercent(r.metrics.errorRatio)) },
  { key: 'p95', title: 'P95', cell: (r) => idleZero(r, formatSeconds(r.metrics.p95Seconds)) },
  { key: 'coldStarts', title: 'Cold start %', cell: (r) => idleZero(r, formatPercent(r.metrics.coldStartRatio, 1)) },
  {
    key: 'budget',
    title: 'Budget left',
    cell: (r) => (
      <>
        {budgetCell(r)} {lowTraffic(r)}
      </>
    ),
  },
  {
    key: 'alerts',
    title: 'Alerts',
    cell: (r) => (r.metrics.firing.length ? <Text color="error">{r.metrics.firing.length} firing</Text> : '0'),
  },
  {
    key: 'build',
    title: 'Last build',
    cell: (r) => {
      const b = lastBuildOf(r);
      return b.result === 'none' ? '—' : `${b.result}, ${formatAge(b.at)}`;
    },
  },
];

interface Props {
  rows: FunctionRow[];
  total: number;
  sort: SortSpec;
  page: number;
  onSort: (sort: SortSpec) => void;
  onPage: (page: number) => void;
}

/** Paged, sortable table of functions: only PAGE_SIZE rows are in the DOM whatever the number of functions. */
export function FunctionsTable({ rows, total, sort, page, onSort, onPage }: Props) {
  const styles = useStyles2(getStyles);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const sorted = useMemo(() => sortRows(rows, { key: sort.key, desc: sort.desc }), [rows, sort.key, sort.desc]);
  const shown = sorted.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const toggle = (key: SortKey) =>
    onSort(sort.key === key ? { key, desc: !sort.desc } : { key, desc: key === 'rate' || key === 'alerts' });
  return (
    <div>
      <Text color="secondary">
        {rows.length} of {total} functions · sorted by {sort.key === 'problems' ? 'problems first' : sort.key}
      </Text>
      <table className={styles.table} data-testid={testIds.functions.table}>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button className={styles.sort} onClick={() => toggle(c.key)}>
                  {c.title}
                  {sort.key === c.key && <Icon name={sort.desc ? 'arrow-down' : 'arrow-up'} />}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length}>
                <Text color="secondary">No function matches the filters.</Text>
              </td>
            </tr>
          )}
          {shown.map((r) => (
            <tr
              key={`${r.namespace}/${r.name}`}
              data-testid={testIds.functions.row(r.namespace, r.name)}
              className={r.metrics.firing.length ? styles.firing : undefined}
            >
              {COLUMNS.map((c) => (
                <td key={c.key}>{c.cell(r, styles)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <div data-testid={testIds.functions.pager}>
          <Pagination currentPage={current} numberOfPages={pages} onNavigate={onPage} />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...getTableStyles(theme),
  link: css({ color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
  sort: css({
    background: 'none',
    border: 'none',
    color: theme.colors.text.primary,
    fontWeight: theme.typography.fontWeightMedium,
    cursor: 'pointer',
    padding: 0,
  }),
  firing: css({ background: theme.colors.error.transparent, boxShadow: `inset 3px 0 0 ${theme.colors.error.main}` }),
});
