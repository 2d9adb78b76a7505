import { type DataFrame, FieldType } from '@grafana/data';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

function lastNumber(values: ArrayLike<unknown>): number | undefined {
  const v = values.length ? values[values.length - 1] : undefined;
  return typeof v === 'number' && !Number.isNaN(v) ? v : undefined;
}

/** A table frame: one row per series, a string field per label, one number field with the values. */
function fromTableFrame(frame: DataFrame): Sample[] {
  const valueField = frame.fields.find((f) => f.type === FieldType.number);
  if (!valueField) {
    return [];
  }
  const labelFields = frame.fields.filter((f) => f.type === FieldType.string);
  const samples: Sample[] = [];
  for (let row = 0; row < frame.length; row++) {
    const value = valueField.values[row];
    if (typeof value !== 'number' || Number.isNaN(value)) {
      continue;
    }
    const labels: Record<string, string> = { ...(valueField.labels ?? {}) };
    for (const f of labelFields) {
      if (f.values[row] !== undefined && f.values[row] !== null) {
        labels[f.name] = String(f.values[row]);
      }
    }
    samples.push({ labels, value });
  }
  return samples;
}

/** A time-series frame: labels on the value field, the newest value wins. */
function fromSeriesFrame(frame: DataFrame): Sample[] {
  return frame.fields
    .filter((f) => f.type === FieldType.number)
    .flatMap((f) => {
      const value = lastNumber(f.values);
      return value === undefined ? [] : [{ labels: { ...(f.labels ?? {}) }, value }];
    });
}

/** Samples of instant-query frames, grouped by refId; handles table and time-series frame shapes. */
export function samplesByRefId(frames: DataFrame[]): Map<string, Sample[]> {
  const out = new Map<string, Sample[]>();
  for (const frame of frames) {
    const refId = frame.refId ?? '';
    const isTable = frame.fields.some((f) => f.type === FieldType.string);
    const samples = isTable ? fromTableFrame(frame) : fromSeriesFrame(frame);
    const list = out.get(refId);
    if (list) {
      samples.forEach((sample) => list.push(sample));
    } else {
      out.set(refId, samples);
    }
  }
  return out;
}

export function functionKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function sampleKey(s: Sample): string {
  return functionKey(s.labels.namespace ?? '', s.labels.function ?? '');
}
