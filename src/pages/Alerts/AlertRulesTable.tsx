import { sceneGraph, SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, Badge, Collapse, Text, TextLink } from '@grafana/ui';
import React from 'react';

import { RULES_CONFIG } from '../../../rules/config';
import { allAlerts, runbookUrl } from '../../../rules/definition';
import { durationSeconds } from '../../../rules/promql';
import { DataTable } from '../../components/DataTable';
import { DetailTabs } from '../../constants';
import { alertRuleRows, type AlertRuleRow } from '../../model/alertRuleRows';
import { samplesByRefId } from '../../model/instantSamples';
import { functionDetailWithRange } from '../../routing/routes';
import { testIds } from '../../testIds';

const COLOR = { firing: 'red', pending: 'orange', inactive: 'green' } as const;

function rangeFor(row: AlertRuleRow): string {
  const long = row.rule.labels?.long;
  const seconds = long ? durationSeconds(long) * 2 : 6 * 3600;
  return `now-${Math.round(seconds / 60)}m`;
}

function RuleRow({ row }: { row: AlertRuleRow }) {
  const [open, setOpen] = React.useState(false);
  const windows = row.rule.labels?.long ? ` (${row.rule.labels.long} / ${row.rule.labels.short})` : '';
  return (
    <tr data-testid={testIds.alerts.row(row.rule.alert)} data-state={row.state} data-long={row.rule.labels?.long}>
      <td>
        {row.rule.alert}
        {windows}
        <div>
          <Text color="secondary">{row.rule.summary}</Text>
        </div>
      </td>
      <td>{row.rule.severity}</td>
      <td>
        <Badge text={row.state} color={COLOR[row.state]} />
      </td>
      <td>
        {row.affected.map((f) => (
          <div key={`${f.namespace}/${f.function}`}>
            <TextLink
              href={functionDetailWithRange(f.namespace, f.function, DetailTabs.slo, rangeFor(row))}
            >{`${f.namespace}/${f.function}`}</TextLink>{' '}
            ({f.state})
          </div>
        ))}
        {row.affected.length === 0 && row.instances > 0 ? `${row.instances} instance(s)` : null}
      </td>
      <td style={{ maxWidth: 480 }}>
        <Collapse label="expression" isOpen={open} onToggle={() => setOpen(!open)}>
          <pre>{row.rule.expr}</pre>
        </Collapse>
      </td>
      <td>
        <TextLink href={runbookUrl(RULES_CONFIG, row.rule.alert)} external>
          runbook
        </TextLink>
      </td>
    </tr>
  );
}

/** Every rule the product generates, with its state now from ALERTS (one query). */
export class AlertRulesTable extends SceneObjectBase<SceneObjectState> {
  static Component = ({ model }: SceneComponentProps<AlertRulesTable>) => {
    const { data } = sceneGraph.getData(model).useState();
    const samples = samplesByRefId(data?.series ?? []).get('alerts') ?? [];
    const rows = alertRuleRows(allAlerts(RULES_CONFIG), samples);
    return (
      <div>
        {data?.errors?.length ? (
          <Alert title="Prometheus query failed">{data.errors.map((e) => e.message).join('; ')}</Alert>
        ) : null}
        <DataTable
          testId={testIds.alerts.table}
          head={['Rule', 'Severity', 'State now', 'Affected functions', 'Expression', 'Runbook']}
        >
          {rows.map((r) => (
            <RuleRow key={`${r.rule.alert}/${r.rule.labels?.long ?? ''}`} row={r} />
          ))}
        </DataTable>
      </div>
    );
  };
}
