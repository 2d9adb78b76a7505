// Exemplar frames of one response merged into a single long "exemplar" frame, sampled per step bucket.
// Source: grafana/grafana pkg/promlib/querydata/response.go (processExemplars),
// querydata/exemplar/{sampler_stddev,framer,labels}.go: the default standard-deviation sampler keeps, per
// step-aligned bucket, the highest exemplar and each next lower one that is more than 2 standard
// deviations (of all exemplar values) below the previously kept one.
import type { Field, Frame, Labels } from './frames';
import { alignToStep } from './step';

interface Exemplar {
  timeMs: number;
  value: number;
  seriesLabels: Labels;
  labelFields: Field[];
  row: number;
}

export function isExemplarFrame(frame: Frame): boolean {
  return frame.meta?.custom?.resultType === 'exemplar';
}

/** Welford's running mean and variance; the sample standard deviation (n − 1), 0 below two values. */
function standardDeviation(values: number[]): number {
  let mean = 0;
  let m2 = 0;
  values.forEach((v, i) => {
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
  });
  return values.length < 2 ? 0 : Math.sqrt(m2 / (values.length - 1));
}

function sample(exemplars: Exemplar[], stepMs: number): Exemplar[] {
  const deviation = standardDeviation(exemplars.map((e) => e.value));
  const buckets = new Map<number, Exemplar[]>();
  for (const ex of exemplars) {
    const bucket = alignToStep(ex.timeMs, stepMs, 0);
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), ex]);
  }
  const kept: Exemplar[] = [];
  for (const bucket of buckets.values()) {
    const byValue = [...bucket].sort((a, b) => b.value - a.value);
    const chosen = [byValue[0]];
    for (const ex of byValue.slice(1)) {
      if (deviation !== 0 && chosen[chosen.length - 1].value - ex.value > deviation * 2) {
        chosen.push(ex);
      }
    }
    kept.push(...chosen);
  }
  return kept.sort((a, b) => a.timeMs - b.timeMs);
}

/** Non-exemplar frames pass through in order; the exemplar frame, if any exemplar is kept, comes last. */
export function mergeExemplarFrames(frames: Frame[]): Frame[] {
  const others = frames.filter((f) => !isExemplarFrame(f));
  const sources = frames.filter(isExemplarFrame);
  if (sources.length === 0) {
    return others;
  }
  const names = new Set<string>();
  const exemplars: Exemplar[] = [];
  let stepMs = 0;
  for (const frame of sources) {
    const [time, value, ...labelFields] = frame.fields;
    stepMs = time.config?.interval ?? 0;
    const seriesLabels = { ...(value.labels ?? {}) };
    Object.keys(seriesLabels).forEach((n) => names.add(n));
    labelFields.forEach((f) => names.add(f.name));
    time.values.forEach((t, row) =>
      exemplars.push({ timeMs: t as number, value: value.values[row] as number, seriesLabels, labelFields, row })
    );
  }
  const kept = sample(exemplars, stepMs);
  if (kept.length === 0) {
    return others;
  }
  const labelNames = [...names].sort();
  const labelValue = (ex: Exemplar, name: string): string => {
    const own = ex.labelFields.find((f) => f.name === name);
    return own ? (own.values[ex.row] as string) : (ex.seriesLabels[name] ?? '');
  };
  const merged: Frame = {
    name: 'exemplar',
    meta: sources[sources.length - 1].meta,
    fields: [
      { name: 'Time', type: 'time', values: kept.map((e) => e.timeMs) },
      { name: 'Value', type: 'number', values: kept.map((e) => e.value) },
      ...labelNames.map((name): Field => ({ name, type: 'string', values: kept.map((e) => labelValue(e, name)) })),
    ],
  };
  return [...others, merged];
}
