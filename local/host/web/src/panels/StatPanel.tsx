import type { PanelProps, ReduceDataOptions } from '@grafana/data';
import {
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
  useTheme2,
} from '@grafana/ui';

import { corePanel } from './core-panel';
import { useFieldDisplays } from './field-display';

interface StatOptions {
  reduceOptions?: ReduceDataOptions;
  colorMode?: BigValueColorMode;
  textMode?: BigValueTextMode;
  justifyMode?: BigValueJustifyMode;
  orientation?: string;
}

/** Core stat panel, approximated: BigValue per display value, laid out in a row; no sparkline. */
function StatPanel(props: PanelProps<StatOptions>) {
  const theme = useTheme2();
  const displays = useFieldDisplays(props);
  const vertical = props.options.orientation === 'vertical';
  const count = Math.max(displays.length, 1);
  const width = vertical ? props.width : props.width / count;
  const height = vertical ? props.height / count : props.height;
  return (
    <div style={{ display: 'flex', flexDirection: vertical ? 'column' : 'row' }} data-testid="host-stat-panel">
      {displays.map((display, index) => (
        <BigValue
          key={index}
          value={display.display}
          theme={theme}
          width={width}
          height={height}
          colorMode={props.options.colorMode ?? BigValueColorMode.Value}
          graphMode={BigValueGraphMode.None}
          justifyMode={props.options.justifyMode ?? BigValueJustifyMode.Auto}
          textMode={props.options.textMode ?? BigValueTextMode.Auto}
        />
      ))}
    </div>
  );
}

export const statPanel = () => corePanel<StatOptions>('stat', 'Stat', StatPanel);
