import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Text, useStyles2 } from '@grafana/ui';
import React from 'react';

import { DataTable } from '../../components/DataTable';
import { formatPercent, formatRate, formatSeconds } from '../../components/format';
import type { RuntimeSummaryRow } from '../../model/runtimeSummary';
import { testIds } from '../../testIds';

/** RED, cold starts and init duration per runtime, to spot a wrapper or base-image regression. */
export function RuntimeSummaryTable({ rows }: { rows: RuntimeSummaryRow[] }) {
  const styles = useStyles2(getStyles);
  if (rows.length === 0) {
    return null;
  }
  return (
    <div className={styles.box}>
      <Text element="h3">By runtime</Text>
      <DataTable
        testId={testIds.functions.runtimeSummary}
        head={['Runtime', 'Functions', 'Invocations/s', 'Error %', 'P95', 'Cold start %', 'Init P95']}
      >
        {rows.map((r) => (
          <tr key={r.runtime} data-runtime={r.runtime}>
            <td>{r.runtime}</td>
            <td>{r.functions}</td>
            <td>{formatRate(r.invocationRate)}</td>
            <td>{r.errorRatio === undefined ? 'no traffic' : formatPercent(r.errorRatio)}</td>
            <td>{formatSeconds(r.p95Seconds)}</td>
            <td>{r.coldStartRatio === undefined ? 'no traffic' : formatPercent(r.coldStartRatio, 1)}</td>
            <td>{formatSeconds(r.initP95Seconds)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({ marginTop: theme.spacing(3) }),
});
