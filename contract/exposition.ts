/** A small parser of Prometheus text 0.0.4 / OpenMetrics 1.0.0 expositions, for tests. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  exemplar?: { labels: Record<string, string>; value: number; timestamp?: number };
}

export interface ParsedExposition {
  help: Map<string, string>;
  types: Map<string, string>;
  samples: ParsedSample[];
  endsWithEof: boolean;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)(?:\s+#\s+\{([^}]*)\}\s+(\S+)(?:\s+(\S+))?)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labels(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of (text ?? '').matchAll(LABEL)) {
    out[match[1]] = match[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return out;
}

function number(text: string): number {
  return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
}

export function parseExposition(text: string): ParsedExposition {
  const parsed: ParsedExposition = { help: new Map(), types: new Map(), samples: [], endsWithEof: false };
  for (const line of text.split('\n')) {
    if (line === '') {
      continue;
    }
    parsed.endsWithEof = line === '# EOF';
    if (parsed.endsWithEof) {
      continue;
    }
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      (meta[1] === 'HELP' ? parsed.help : parsed.types).set(meta[2], meta[3]);
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) {
      throw new Error(`unparseable exposition line: ${line}`);
    }
    parsed.samples.push({
      name: sample[1],
      labels: labels(sample[2]),
      value: number(sample[3]),
      exemplar:
        sample[4] === undefined
          ? undefined
          : {
              labels: labels(sample[4]),
              value: number(sample[5]),
              timestamp: sample[6] === undefined ? undefined : Number(sample[6]),
            },
    });
  }
  return parsed;
}

/** Value of the one sample with this name whose labels include `match`; throws when there is not exactly one. */
export function sampleValue(exposition: ParsedExposition, name: string, match: Record<string, string> = {}): number {
  const found = exposition.samples.filter(
    (s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v)
  );
  if (found.length !== 1) {
    throw new Error(`expected one sample ${name}${JSON.stringify(match)}, found ${found.length}`);
  }
  return found[0].value;
}
