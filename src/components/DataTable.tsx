import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { getTableStyles } from './tableStyles';

interface Props {
  testId?: string;
  head: string[];
  children: React.ReactNode;
}

/** A plain table with the app's look: a header row and the rows the caller renders. */
export function DataTable({ testId, head, children }: Props) {
  const styles = useStyles2(getTableStyles);
  return (
    <table className={styles.table} data-testid={testId}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={`${i}-${h}`}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
