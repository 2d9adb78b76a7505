import { parseExposition } from './exposition';
import type { MetricSpec } from './metrics';
import { ALL_METRICS } from './metrics';

/** Series prom-client adds for every registry (process and Node.js runtime metrics). */
const CLIENT_DEFAULT = /^(process_|nodejs_)/;

function familyOf(sample: string, emitters: ReadonlySet<string>): { spec?: MetricSpec; histogramPart: boolean } {
  for (const spec of ALL_METRICS) {
    if (!emitters.has(spec.emitter)) {
      continue;
    }
    if (sample === spec.name) {
      return { spec, histogramPart: false };
    }
    if (spec.type === 'histogram' && ['_bucket', '_sum', '_count'].some((s) => sample === spec.name + s)) {
      return { spec, histogramPart: sample.endsWith('_bucket') };
    }
    if (spec.type === 'counter' && sample === spec.name.replace(/_total$/, '_created')) {
      return { spec, histogramPart: false };
    }
  }
  return { histogramPart: false };
}

/**
 * Checks a Prometheus/OpenMetrics text exposition against the contract: every sample belongs to a contract metric
 * of the given emitters, carries exactly its labels, and closed labels only take their allowed values.
 * Returns the violations (empty when the exposition keeps the contract).
 */
export function contractViolations(text: string, emitters: readonly string[]): string[] {
  const allowed = new Set(emitters);
  const problems = new Set<string>();
  for (const { name, labels: sampleLabels } of parseExposition(text).samples) {
    if (CLIENT_DEFAULT.test(name)) {
      continue;
    }
    const { spec, histogramPart } = familyOf(name, allowed);
    if (!spec) {
      problems.add(`${name} is not a contract metric of ${emitters.join('/')}`);
      continue;
    }
    const labels = new Map(Object.entries(sampleLabels));
    const expected = [...spec.labels.map((l) => l.name), ...(histogramPart ? ['le'] : [])].sort();
    if (JSON.stringify([...labels.keys()].sort()) !== JSON.stringify(expected)) {
      problems.add(`${name} has labels {${[...labels.keys()].join(',')}}, the contract says {${expected.join(',')}}`);
    }
    for (const label of spec.labels) {
      const value = labels.get(label.name);
      if (label.values && value !== undefined && !label.values.includes(value)) {
        problems.add(`${name}{${label.name}="${value}"} is outside the contract's values`);
      }
    }
  }
  return [...problems];
}
