import { FieldType, type DataFrame, type PanelProps } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { useEffect, useRef } from 'react';

import { corePanel } from './core-panel';
import { PanelNoData } from './PanelNoData';

interface Grid {
  rows: string[];
  columns: number;
  values: number[][];
  max: number;
}

/** Buckets as rows, time as columns: one number field per bucket (Prometheus `format: heatmap` frames, merged). */
export function heatmapGrid(series: DataFrame[]): Grid {
  const rows: string[] = [];
  const values: number[][] = [];
  for (const frame of series) {
    for (const field of frame.fields.filter((f) => f.type === FieldType.number)) {
      rows.push(field.labels?.le ?? field.state?.displayName ?? field.name);
      values.push(Array.from(field.values as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : 0)));
    }
  }
  const columns = Math.max(0, ...values.map((row) => row.length));
  const max = Math.max(0, ...values.flat());
  return { rows, columns, values, max };
}

/** Core heatmap panel, approximated: a canvas grid whose cell opacity is value / max. No axes, tooltip or buckets math. */
function HeatmapPanel({ data, width, height, fieldConfig }: PanelProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useTheme2();
  const grid = heatmapGrid(data.series);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || grid.columns === 0 || grid.max === 0) {
      return;
    }
    ctx.clearRect(0, 0, width, height);
    const cellW = width / grid.columns;
    const cellH = height / grid.rows.length;
    ctx.fillStyle = theme.visualization.getColorByName('orange');
    grid.values.forEach((row, r) =>
      row.forEach((value, c) => {
        ctx.globalAlpha = value / grid.max;
        ctx.fillRect(c * cellW, height - (r + 1) * cellH, cellW, cellH);
      })
    );
  }, [grid, width, height, theme]);
  if (grid.columns === 0) {
    return <PanelNoData fieldConfig={fieldConfig} testId="host-heatmap-no-data" />;
  }
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      data-testid="host-heatmap-panel"
      data-rows={grid.rows.join(',')}
    />
  );
}

export const heatmapPanel = () => corePanel('heatmap', 'Heatmap', HeatmapPanel);
