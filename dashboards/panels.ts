import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import {
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as GaugeBuilder } from '@grafana/grafana-foundation-sdk/gauge';
import { PanelBuilder as HeatmapBuilder } from '@grafana/grafana-foundation-sdk/heatmap';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

import type { PanelQueries } from '../src/queries/functionOverview';
import type { PromQuery } from '../src/queries/promQuery';

import { PROMETHEUS_REF } from './datasource';

/** The page's query object as a dashboard target on the `datasource` variable. */
export function target(query: PromQuery): DataqueryBuilder {
  const builder = new DataqueryBuilder()
    .refId(query.refId)
    .expr(query.expr)
    .datasource(PROMETHEUS_REF)
    .legendFormat(query.legendFormat || '__auto');
  if (query.instant) {
    builder.instant();
  } else {
    builder.range();
  }
  if (query.format === 'heatmap') {
    builder.format(PromQueryFormat.Heatmap);
  } else if (query.format === 'table') {
    builder.format(PromQueryFormat.Table);
  }
  return query.exemplar ? builder.exemplar(true) : builder;
}

interface Described {
  title(title: string): unknown;
  description(description: string): unknown;
  unit(unit: string): unknown;
  datasource(ref: typeof PROMETHEUS_REF): unknown;
  targets(targets: Array<Builder<Dataquery>>): unknown;
  height(h: number): unknown;
  span(w: number): unknown;
}

function fill<T extends Described>(panel: T, spec: PanelQueries, width: number, title = spec.title): T {
  panel.title(title);
  if (spec.description) {
    panel.description(spec.description);
  }
  panel.unit(spec.unit);
  panel.datasource(PROMETHEUS_REF);
  panel.targets(spec.queries.map(target));
  panel.height(8);
  panel.span(width);
  return panel;
}

export function timeseries(spec: PanelQueries, width = 12, title?: string): TimeseriesBuilder {
  return fill(new TimeseriesBuilder(), spec, width, title).legend(
    new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom)
  );
}

/** The last value of each series. */
export function stat(spec: PanelQueries, width = 6, title?: string): StatBuilder {
  return fill(new StatBuilder(), spec, width, title).reduceOptions(
    new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false)
  );
}

export function gauge(spec: PanelQueries, max: number, width = 6, title?: string): GaugeBuilder {
  return fill(new GaugeBuilder(), spec, width, title)
    .min(0)
    .max(max)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
}

/** Buckets as Prometheus returns them (format heatmap): no calculation in the panel. */
export function heatmap(spec: PanelQueries, width = 12, title?: string): HeatmapBuilder {
  return fill(new HeatmapBuilder(), spec, width, title).calculate(false);
}
