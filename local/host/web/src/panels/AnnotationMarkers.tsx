import type { DataFrame } from '@grafana/data';
import { colorManipulator } from '@grafana/data';
import type { UPlotConfigBuilder } from '@grafana/ui';
import { useLayoutEffect, useMemo, useReducer, useState } from 'react';
import { createPortal } from 'react-dom';
import type uPlot from 'uplot';

import { annotationMarks } from './annotation-marks';

/** Grafana's e2e selector of an annotation marker (pages.Dashboard.Annotations.marker). */
const MARKER_TEST_ID = 'data-testid annotation-marker';
const REGION_ALPHA = 0.15;

/**
 * Core's AnnotationsPlugin2, reduced: each annotation of the panel's data becomes a marker over the plot, a line for
 * a point in time and a shaded band for a region, placed by the plot's own x scale and redrawn with it.
 */
export function AnnotationMarkers({ config, annotations }: { config: UPlotConfigBuilder; annotations: DataFrame[] }) {
  const [plot, setPlot] = useState<uPlot>();
  const [, redrawn] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    config.addHook('ready', (u) => setPlot(u));
    config.addHook('draw', () => redrawn());
  }, [config]);
  const marks = useMemo(() => annotationMarks(annotations), [annotations]);
  if (!plot) {
    return null;
  }
  const height = plot.bbox.height / window.devicePixelRatio;
  return createPortal(
    marks.map((m, i) => {
      const left = plot.valToPos(m.time, 'x');
      const right = m.timeEnd === undefined ? left : plot.valToPos(m.timeEnd, 'x');
      return (
        <div
          key={i}
          data-testid={MARKER_TEST_ID}
          title={m.title}
          style={{
            position: 'absolute',
            top: 0,
            left,
            width: Math.max(right - left, 1),
            height,
            pointerEvents: 'auto',
            background: m.timeEnd === undefined ? m.color : colorManipulator.alpha(m.color, REGION_ALPHA),
            borderLeft: `1px solid ${m.color}`,
          }}
        />
      );
    }),
    plot.over
  );
}
