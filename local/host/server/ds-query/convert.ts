// Prometheus HTTP API JSON → data frames, one frame per series, as Grafana's converter builds them.
// Source: grafana/grafana pkg/promlib/converter/prom.go (ReadPrometheusStyleResult: matrix and vector
// frames "timeseries-multi"/"numeric-multi" v0.1 with custom.resultType, scalar, string, exemplar frames,
// warnings/infos as notices, status "error" → "<errorType>: <error>"). Native histograms are not converted.
import type { Field, Frame, Labels, Notice } from './frames';
import { parseSampleValue, timeFromSeconds } from './frames';

export interface Converted {
  frames: Frame[];
  error?: string;
}

type Pair = [number, string];

interface Series {
  metric?: Labels;
  value?: Pair;
  values?: Pair[];
}

interface ExemplarSeries {
  seriesLabels?: Labels;
  exemplars?: Array<{ labels?: Labels; value: string; timestamp: number }>;
}

const TYPE_VERSION: [number, number] = [0, 1];

function timeValueFields(pairs: Pair[], labels: Labels, valueType: 'number' | 'string' = 'number'): Field[] {
  return [
    { name: 'Time', type: 'time', values: pairs.map(([t]) => timeFromSeconds(t)) },
    {
      name: 'Value',
      type: valueType,
      values: pairs.map(([, v]) => (valueType === 'number' ? parseSampleValue(v) : v)),
      labels: { ...labels },
    },
  ];
}

function seriesFrames(resultType: 'matrix' | 'vector', result: Series[]): Frame[] {
  return result.map((s) => ({
    fields: timeValueFields(s.values ?? (s.value ? [s.value] : []), s.metric ?? {}),
    meta: {
      type: resultType === 'matrix' ? 'timeseries-multi' : 'numeric-multi',
      typeVersion: TYPE_VERSION,
      custom: { resultType },
    },
  }));
}

/** One frame per exemplar series: Time, Value (series labels), then one string field per exemplar label. */
function exemplarFrames(result: ExemplarSeries[]): Frame[] {
  return result.map((series) => {
    const exemplars = series.exemplars ?? [];
    const labelFields = new Map<string, Field>();
    exemplars.forEach((ex, row) => {
      for (const [name, value] of Object.entries(ex.labels ?? {})) {
        let field = labelFields.get(name);
        if (!field) {
          field = { name, type: 'string', values: new Array<string>(row).fill('') };
          labelFields.set(name, field);
        }
        field.values.push(value);
      }
      for (const field of labelFields.values()) {
        while (field.values.length < row + 1) {
          field.values.push('');
        }
      }
    });
    return {
      fields: [
        { name: 'Time', type: 'time', values: exemplars.map((e) => timeFromSeconds(e.timestamp)) },
        {
          name: 'Value',
          type: 'number',
          values: exemplars.map((e) => parseSampleValue(e.value)),
          labels: series.seriesLabels ?? {},
        },
        ...labelFields.values(),
      ],
      meta: { custom: { resultType: 'exemplar' } },
    };
  });
}

function dataFrames(data: unknown): Frame[] {
  if (Array.isArray(data)) {
    return exemplarFrames(data.filter((d): d is ExemplarSeries => !!d && typeof d === 'object' && 'exemplars' in d));
  }
  const { resultType, result } = (data ?? {}) as { resultType?: string; result?: unknown };
  switch (resultType) {
    case 'matrix':
    case 'vector':
      return seriesFrames(resultType, (result as Series[]) ?? []);
    case 'scalar':
      return [
        {
          fields: timeValueFields([result as Pair], {}),
          meta: { type: 'numeric-multi', typeVersion: TYPE_VERSION, custom: { resultType } },
        },
      ];
    case 'string':
      return [
        {
          fields: timeValueFields([result as Pair], {}, 'string'),
          meta: { type: 'timeseries-multi', custom: { resultType } },
        },
      ];
    case undefined:
      throw new Error('no resultType found');
    default:
      throw new Error(`unknown result type: ${resultType}`);
  }
}

function notices(texts: unknown, severity: Notice['severity']): Notice[] {
  return Array.isArray(texts) ? texts.filter((t) => typeof t === 'string').map((text) => ({ severity, text })) : [];
}

export function convertPrometheusResponse(body: unknown): Converted {
  const root = (body ?? {}) as {
    status?: string;
    data?: unknown;
    error?: string;
    errorType?: string;
    warnings?: unknown;
    infos?: unknown;
  };
  if (root.status === 'error') {
    return { frames: [], error: `${root.errorType ?? ''}: ${root.error ?? ''}` };
  }
  let frames: Frame[];
  try {
    frames = root.data === undefined ? [] : dataFrames(root.data);
  } catch (error) {
    return { frames: [], error: (error as Error).message };
  }
  const all = [...notices(root.warnings, 'warning'), ...notices(root.infos, 'info')];
  if (all.length > 0) {
    if (frames.length === 0) {
      frames.push({ name: 'Warnings', fields: [] });
    }
    for (const frame of frames) {
      frame.meta = { ...frame.meta, notices: all };
    }
  }
  return { frames };
}
