// Reads the operator's /metrics and picks series out of the Prometheus text.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export async function scrape(port: number, accept?: string): Promise<{ text: string; contentType: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: accept ? { accept } : {} });
  return { text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

export function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || line.startsWith('#')) {
      continue;
    }
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]] = pair[2];
    }
    out.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return out;
}

export async function metricValue(port: number, name: string, labels: Record<string, string> = {}): Promise<number> {
  const { text } = await scrape(port);
  return samples(text)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
