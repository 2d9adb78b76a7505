import { cacheFieldDisplayNames, type PanelProps } from '@grafana/data';
import { Select } from '@grafana/ui';
import { TableNG } from '@grafana/ui/unstable';
import { useState } from 'react';

import { corePanel } from './core-panel';
import { PanelNoData } from './PanelNoData';

interface TableOptions {
  showHeader?: boolean;
  frameIndex?: number;
  cellHeight?: string;
}

const FRAME_PICKER_HEIGHT = 36;

/** Core table panel: @grafana/ui's TableNG (what Grafana 13's table panel draws with) on one frame, with a frame picker when the query returned several. */
function TablePanel({ data, width, height, options, fieldConfig }: PanelProps<TableOptions>) {
  const [picked, setPicked] = useState<number | undefined>();
  cacheFieldDisplayNames(data.series);
  if (data.series.length === 0) {
    return <PanelNoData fieldConfig={fieldConfig} testId="host-table-no-data" />;
  }
  const index = Math.min(picked ?? options.frameIndex ?? 0, data.series.length - 1);
  const several = data.series.length > 1;
  return (
    <div data-testid="host-table-panel">
      <TableNG
        data={data.series[index]}
        width={width}
        height={several ? height - FRAME_PICKER_HEIGHT : height}
        noHeader={options.showHeader === false}
      />
      {several ? (
        <Select
          value={index}
          onChange={(option) => setPicked(option.value)}
          options={data.series.map((frame, i) => ({ value: i, label: frame.name ?? frame.refId ?? `Series ${i + 1}` }))}
        />
      ) : null}
    </div>
  );
}

export const tablePanel = () =>
  corePanel<TableOptions>('table', 'Table', TablePanel, {
    align: 'auto',
    cellOptions: { type: 'auto' },
    inspect: false,
    filterable: false,
    hideFrom: { viz: false, legend: false, tooltip: false },
  });
