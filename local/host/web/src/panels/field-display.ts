import { getFieldDisplayValues, type FieldDisplay, type PanelProps, type ReduceDataOptions } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';

interface ReducingOptions {
  reduceOptions?: ReduceDataOptions;
}

/** The values a stat/gauge/bargauge shows: Grafana's own `getFieldDisplayValues` (reducers, mappings, thresholds). */
export function useFieldDisplays(props: PanelProps<ReducingOptions>): FieldDisplay[] {
  const theme = useTheme2();
  return getFieldDisplayValues({
    data: props.data.series,
    fieldConfig: props.fieldConfig,
    reduceOptions: props.options.reduceOptions ?? { calcs: ['lastNotNull'], values: false },
    replaceVariables: props.replaceVariables,
    theme,
    timeZone: props.timeZone,
  });
}
