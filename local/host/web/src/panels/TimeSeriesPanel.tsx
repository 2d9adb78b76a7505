import { FieldType, type DataFrame, type PanelProps } from '@grafana/data';
import { LegendDisplayMode, type VizLegendOptions } from '@grafana/schema';
import { TimeSeries } from '@grafana/ui';

import { corePanel } from './core-panel';

interface TimeSeriesOptions {
  legend?: Partial<VizLegendOptions>;
}

/** Frames that can be drawn: a time field and at least one number field (core's `prepareGraphableFields`, reduced). */
function graphableFrames(series: DataFrame[]): DataFrame[] {
  return series.filter(
    (frame) =>
      frame.fields.some((f) => f.type === FieldType.time) && frame.fields.some((f) => f.type === FieldType.number)
  );
}

/** Core time series panel, approximated: @grafana/ui's TimeSeries (uPlot) with a list legend; no tooltip or annotations. */
function TimeSeriesPanel({ data, width, height, options, timeRange, timeZone }: PanelProps<TimeSeriesOptions>) {
  const frames = graphableFrames(data.series);
  if (frames.length === 0) {
    return <div data-testid="host-timeseries-no-data">No data</div>;
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
      />
    </div>
  );
}

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
  });
