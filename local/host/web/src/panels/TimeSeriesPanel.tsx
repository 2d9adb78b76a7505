import { FieldType, type DataFrame, type PanelProps } from '@grafana/data';
import { LegendDisplayMode, type VizLegendOptions } from '@grafana/schema';
import { TimeSeries } from '@grafana/ui';

import { AnnotationMarkers } from './AnnotationMarkers';
import { corePanel } from './core-panel';
import { PanelNoData } from './PanelNoData';

interface TimeSeriesOptions {
  legend?: Partial<VizLegendOptions>;
}

/**
 * Frames that can be drawn: rows, a time field and at least one number field (core's `prepareGraphableFields`,
 * reduced). Without any, the panel says its "No value" text, as core's PanelDataErrorView does.
 */
function graphableFrames(series: DataFrame[]): DataFrame[] {
  return series.filter(
    (frame) =>
      frame.length > 0 &&
      frame.fields.some((f) => f.type === FieldType.time) &&
      frame.fields.some((f) => f.type === FieldType.number)
  );
}

/** Core time series panel, approximated: @grafana/ui's TimeSeries (uPlot) with a list legend and annotation markers; no tooltip. */
function TimeSeriesPanel({
  data,
  width,
  height,
  options,
  timeRange,
  timeZone,
  fieldConfig,
}: PanelProps<TimeSeriesOptions>) {
  const frames = graphableFrames(data.series);
  if (frames.length === 0) {
    return <PanelNoData fieldConfig={fieldConfig} testId="host-timeseries-no-data" />;
  }
  const legend: VizLegendOptions = {
    showLegend: true,
    displayMode: LegendDisplayMode.List,
    placement: 'bottom',
    calcs: [],
    ...options.legend,
  };
  return (
    <div data-testid="host-timeseries-panel">
      <TimeSeries
        frames={frames}
        width={width}
        height={height}
        timeRange={timeRange}
        timeZone={timeZone}
        legend={legend}
        structureRev={data.structureRev}
      >
        {(config) => <AnnotationMarkers config={config} annotations={data.annotations ?? []} />}
      </TimeSeries>
    </div>
  );
}

/** Like core's, it declares annotation and alert-state support: without it Scenes drops the panel's annotations. */
export const timeSeriesPanel = () =>
  corePanel<TimeSeriesOptions>('timeseries', 'Time series', TimeSeriesPanel, {
    drawStyle: 'line',
    lineInterpolation: 'linear',
    lineWidth: 1,
    fillOpacity: 0,
    gradientMode: 'none',
    showPoints: 'auto',
    pointSize: 5,
    spanNulls: false,
    barAlignment: 0,
    axisPlacement: 'auto',
    axisLabel: '',
    axisBorderShow: false,
    axisCenteredZero: false,
    axisColorMode: 'text',
    scaleDistribution: { type: 'linear' },
    stacking: { mode: 'none', group: 'A' },
    thresholdsStyle: { mode: 'off' },
    hideFrom: { legend: false, tooltip: false, viz: false },
    insertNulls: false,
  }).setDataSupport({ annotations: true, alertStates: true });
