import { VizOrientation, type PanelProps, type ReduceDataOptions } from '@grafana/data';
import { BarGaugeDisplayMode } from '@grafana/schema';
import { BarGauge, useTheme2 } from '@grafana/ui';

import { corePanel } from './core-panel';
import { useFieldDisplays } from './field-display';

interface BarGaugeOptions {
  reduceOptions?: ReduceDataOptions;
  orientation?: VizOrientation;
  displayMode?: BarGaugeDisplayMode;
}

/** Core bar gauge (and, approximated by it, the gauge): one BarGauge per display value. */
function makeBarGauge(defaultMode: BarGaugeDisplayMode, fallbackOrientation: VizOrientation) {
  return function BarGaugePanel(props: PanelProps<BarGaugeOptions>) {
    const theme = useTheme2();
    const displays = useFieldDisplays(props);
    const orientation =
      props.options.orientation && props.options.orientation !== VizOrientation.Auto
        ? props.options.orientation
        : fallbackOrientation;
    const vertical = orientation === VizOrientation.Vertical;
    const count = Math.max(displays.length, 1);
    return (
      <div
        style={{ display: 'flex', flexDirection: vertical ? 'row' : 'column', gap: 8 }}
        data-testid="host-bargauge-panel"
      >
        {displays.map((display, index) => (
          <BarGauge
            key={index}
            theme={theme}
            value={display.display}
            field={display.field}
            width={vertical ? props.width / count - 8 : props.width}
            height={vertical ? props.height : props.height / count - 8}
            orientation={orientation}
            displayMode={props.options.displayMode ?? defaultMode}
          />
        ))}
      </div>
    );
  };
}

export const barGaugePanel = () =>
  corePanel<BarGaugeOptions>(
    'bargauge',
    'Bar gauge',
    makeBarGauge(BarGaugeDisplayMode.Gradient, VizOrientation.Horizontal)
  );
export const gaugePanel = () =>
  corePanel<BarGaugeOptions>('gauge', 'Gauge', makeBarGauge(BarGaugeDisplayMode.Basic, VizOrientation.Vertical));
