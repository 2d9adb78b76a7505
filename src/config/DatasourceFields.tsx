import { DataSourcePicker } from '@grafana/runtime';
import { Field, FieldSet } from '@grafana/ui';
import React from 'react';

import { testIds } from '../testIds';

interface Props {
  prometheusUid: string;
  tempoUid: string;
  onChange: (patch: { prometheusUid?: string; tempoUid?: string }) => void;
}

export function DatasourceFields({ prometheusUid, tempoUid, onChange }: Props) {
  return (
    <FieldSet label="Datasources">
      <Field
        label="Prometheus"
        description="Where the functions' and the operator's metrics are; default: the default Prometheus datasource"
      >
        <div data-testid={testIds.config.prometheus}>
          <DataSourcePicker
            pluginId="prometheus"
            current={prometheusUid || null}
            noDefault
            onChange={(ds) => onChange({ prometheusUid: ds.uid })}
          />
        </div>
      </Field>
      <Field label="Tempo (optional)" description="Exemplar trace ids link to it; without one they are listed to copy">
        <div data-testid={testIds.config.tempo}>
          <DataSourcePicker
            pluginId="tempo"
            current={tempoUid || null}
            noDefault
            onClear={() => onChange({ tempoUid: '' })}
            onChange={(ds) => onChange({ tempoUid: ds.uid })}
          />
        </div>
      </Field>
    </FieldSet>
  );
}
