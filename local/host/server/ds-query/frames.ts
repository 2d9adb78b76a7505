// Data frames and their JSON encoding, as grafana-plugin-sdk-go data/frame_json.go writes them for
// /api/ds/query: {schema: {name?, refId?, meta?, fields}, data: {values, entities?}}, times as epoch ms,
// NaN/±Inf as null plus an `entities` entry per field (JSON has no such numbers).

export type Labels = Record<string, string>;
export type FieldType = 'time' | 'number' | 'string';

export interface FieldConfig {
  interval?: number;
  displayNameFromDS?: string;
}

export interface Field {
  name: string;
  type: FieldType;
  values: Array<number | string>;
  labels?: Labels;
  config?: FieldConfig;
}

export interface Notice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

export interface FrameMeta {
  type?: string;
  typeVersion?: [number, number];
  custom?: Record<string, unknown>;
  notices?: Notice[];
  executedQueryString?: string;
}

export interface Frame {
  name?: string;
  refId?: string;
  meta?: FrameMeta;
  fields: Field[];
}

const GO_TYPE: Record<FieldType, string> = { time: 'time.Time', number: 'float64', string: 'string' };

type Entities = { NaN?: number[]; Inf?: number[]; NegInf?: number[] } | null;

function encodeValues(field: Field): { values: unknown[]; entities: Entities } {
  if (field.type !== 'number') {
    return { values: field.values, entities: null };
  }
  const entities: NonNullable<Entities> = {};
  const values = field.values.map((v, i) => {
    const n = v as number;
    const kind = Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Inf' : n === -Infinity ? 'NegInf' : undefined;
    if (!kind) {
      return n;
    }
    (entities[kind] ??= []).push(i);
    return null;
  });
  return { values, entities: Object.keys(entities).length > 0 ? entities : null };
}

export function frameToJSON(frame: Frame): unknown {
  const encoded = frame.fields.map(encodeValues);
  const schema = {
    ...(frame.name ? { name: frame.name } : {}),
    ...(frame.refId ? { refId: frame.refId } : {}),
    ...(frame.meta ? { meta: frame.meta } : {}),
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: f.type,
      typeInfo: { frame: GO_TYPE[f.type] },
      ...(f.labels ? { labels: f.labels } : {}),
      ...(f.config ? { config: f.config } : {}),
    })),
  };
  const data: { values: unknown[]; entities?: Entities[] } = { values: encoded.map((e) => e.values) };
  if (encoded.some((e) => e.entities)) {
    data.entities = encoded.map((e) => e.entities);
  }
  return { schema, data };
}

/** Prometheus sample values: decimal strings, "NaN", "+Inf", "-Inf" (Go's strconv.ParseFloat spellings). */
export function parseSampleValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower === '+inf' || lower === 'inf' || lower === '+infinity' || lower === 'infinity') {
    return Infinity;
  }
  if (lower === '-inf' || lower === '-infinity') {
    return -Infinity;
  }
  if (lower === 'nan') {
    return NaN;
  }
  const n = Number(text);
  if (text.trim() === '' || Number.isNaN(n)) {
    throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  return n;
}

/** converter.timeFromFloat: seconds → milliseconds, truncated like Go's int64 conversion. */
export function timeFromSeconds(seconds: number): number {
  return Math.trunc(seconds * 1000);
}
