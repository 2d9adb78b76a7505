import type { DataFrame } from '@grafana/data';

/** One annotation as a time-series panel marks it: a point in time, or a region when it has an end. */
export interface AnnotationMark {
  time: number;
  timeEnd?: number;
  title: string;
  color: string;
}

const DEFAULT_COLOR = 'rgba(0, 211, 255, 1)';

/** The marks of a panel's annotation frames (Grafana's annotation rows: time, timeEnd, isRegion, title, text, color). */
export function annotationMarks(frames: DataFrame[]): AnnotationMark[] {
  return frames.flatMap((frame) => {
    const field = (name: string) => frame.fields.find((f) => f.name === name)?.values;
    const [time, timeEnd, isRegion, title, text, color] = ['time', 'timeEnd', 'isRegion', 'title', 'text', 'color'].map(
      field
    );
    if (!time) {
      return [];
    }
    return time.map((t: number, i: number) => {
      const end = timeEnd?.[i];
      const region = isRegion?.[i] !== false && typeof end === 'number' && end > t;
      return {
        time: t,
        ...(region ? { timeEnd: end } : {}),
        title: String(title?.[i] ?? text?.[i] ?? ''),
        color: String(color?.[i] ?? DEFAULT_COLOR),
      };
    });
  });
}
