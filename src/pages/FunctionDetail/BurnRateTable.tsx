import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Button, Text, useStyles2 } from '@grafana/ui';
import React from 'react';

import { DataTable } from '../../components/DataTable';
import { formatPercent, formatSeconds } from '../../components/format';
import { guardFloor } from '../../model/lowTrafficGuard';
import { attributionPair, type BurnPairRow, burnPairRows, timeToExhaustionSeconds } from '../../model/sloMath';
import type { SloSnapshot } from '../../model/sloSnapshot';
import { testIds } from '../../testIds';

interface Props {
  snapshot: SloSnapshot;
  objective: number;
  budget?: number;
  window: string;
  onToggle: (long: string) => void;
}

const STATE_COLOR = { firing: 'red', burning: 'orange', ok: 'green', 'no data': 'darkgrey' } as const;

function guardText(snap: SloSnapshot, long: string): string {
  const failures = snap.failures.get(long);
  const floor = guardFloor(long);
  if (failures === undefined) {
    return `no traffic (needs ${floor} failures)`;
  }
  return `${Math.round(failures)} of ${floor} failures ${failures >= floor ? '(armed)' : '(suppressed)'}`;
}

/** One row per window pair of the generated burn-rate alerts, exactly as the rules evaluate them. */
export function BurnRateTable({ snapshot, objective, budget, window, onToggle }: Props) {
  const styles = useStyles2(getStyles);
  const rows = burnPairRows(objective, (w) => ({
    shortRatio: snapshot.ratio.get(w.short),
    longRatio: snapshot.ratio.get(w.long),
    firing: snapshot.alertState.get(`${w.long}/${w.short}`) === 'firing',
  }));
  const worst = attributionPair(rows);
  const ranking = (snapshot.errorsByType.get(worst.window.long) ?? []).filter(([, count]) => count > 0);
  const exhaustion = (r: BurnPairRow) => {
    if (budget === undefined || r.longBurn === undefined) {
      return '—';
    }
    return budget <= 0 ? 'exhausted' : formatSeconds(timeToExhaustionSeconds(budget, r.longBurn, window));
  };
  return (
    <div>
      <DataTable
        testId={testIds.slo.burnTable}
        head={[
          '',
          'Severity',
          'Long / short',
          'Factor',
          'Threshold',
          'Long burn',
          'Short burn',
          'Exhaustion at this rate',
          'Low-traffic guard',
          'State',
        ]}
      >
        {rows.map((r) => (
          <tr
            key={r.window.long}
            data-testid={testIds.slo.burnRow(r.window.long)}
            data-long-burn={r.longBurn}
            data-short-burn={r.shortBurn}
          >
            <td>
              <Button
                size="sm"
                variant="secondary"
                fill="text"
                icon="angle-down"
                aria-label={`graph ${r.window.long}`}
                onClick={() => onToggle(r.window.long)}
              />
            </td>
            <td>{r.window.severity}</td>
            <td>
              {r.window.long} / {r.window.short}
            </td>
            <td>{r.window.factor}×</td>
            <td>{formatPercent(r.threshold, 3)}</td>
            <td>{r.longBurn === undefined ? 'no data' : `${r.longBurn.toFixed(2)}×`}</td>
            <td>{r.shortBurn === undefined ? 'no data' : `${r.shortBurn.toFixed(2)}×`}</td>
            <td>{exhaustion(r)}</td>
            <td>{guardText(snapshot, r.window.long)}</td>
            <td>
              <Badge text={r.state} color={STATE_COLOR[r.state]} />
            </td>
          </tr>
        ))}
      </DataTable>
      <div data-testid={testIds.slo.attribution} className={styles.attribution}>
        <Text element="h4">
          What burned the budget ({worst.window.long}, {worst.state === 'firing' ? 'the firing pair' : 'the worst pair'}
          )
        </Text>
        {ranking.length === 0 ? (
          <Text color="secondary">No failed invocations in the last {worst.window.long}.</Text>
        ) : (
          <ol>
            {ranking.map(([type, count]) => (
              <li key={type} data-error-type={type}>
                <code>{type}</code>: {Math.round(count)} failed invocations
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  attribution: css({ marginTop: theme.spacing(2) }),
});
