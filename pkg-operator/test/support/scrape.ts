// Reads the operator's /metrics and picks series out of the Prometheus text.
import { parseExposition, type ParsedSample } from '../../../contract';

export type Sample = ParsedSample;

export async function scrape(port: number, accept?: string): Promise<{ text: string; contentType: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: accept ? { accept } : {} });
  return { text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

export function samples(text: string): Sample[] {
  return parseExposition(text).samples;
}

export async function metricValue(port: number, name: string, labels: Record<string, string> = {}): Promise<number> {
  const { text } = await scrape(port);
  return samples(text)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
