// Renders a registry as Prometheus text format 0.0.4 (the registry itself speaks OpenMetrics, which is what
// carries exemplars). Counter names keep their `_total`, as the contract spells them.
import type { MetricObjectWithValues, MetricValue, OpenMetricsContentType, Registry } from 'prom-client';

import { formatLe } from '../../../contract';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const escapeHelp = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeValue = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function formatNumber(v: number): string {
  if (v === Infinity) {
    return '+Inf';
  }
  if (v === -Infinity) {
    return '-Inf';
  }
  return Number.isNaN(v) ? 'NaN' : String(v);
}

function line(name: string, value: MetricValue<string>): string {
  const labels = Object.entries(value.labels)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${escapeValue(k === 'le' && typeof v === 'number' ? formatLe(v) : String(v))}"`);
  return `${name}${labels.length ? `{${labels.join(',')}}` : ''} ${formatNumber(value.value)}`;
}

export async function prometheusText(registry: Registry<OpenMetricsContentType>): Promise<string> {
  const metrics = (await registry.getMetricsAsJSON()) as Array<MetricObjectWithValues<MetricValue<string>>>;
  const blocks = metrics.map((m) => {
    const name = String(m.type) === 'counter' && !m.name.endsWith('_total') ? `${m.name}_total` : m.name;
    const lines = [`# HELP ${name} ${escapeHelp(m.help)}`, `# TYPE ${name} ${m.type}`];
    for (const v of m.values) {
      const series = (v as MetricValue<string> & { metricName?: string }).metricName ?? name;
      lines.push(line(series, v));
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
