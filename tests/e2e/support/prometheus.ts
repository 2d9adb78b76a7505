import type { Page } from '@playwright/test';

/**
 * Instant queries against the Prometheus the pages read (PROMETHEUS_URL), to compare the pages' numbers with. Pass
 * the evaluation time of the page's own query (`pageQueryTime`) to compare like with like: recorded series move at
 * every rule evaluation, so the same expression read seconds later can differ by more than display rounding.
 */
export async function promQuery(
  expr: string,
  atSeconds?: number
): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const base = process.env.PROMETHEUS_URL;
  if (!base) {
    throw new Error(
      'PROMETHEUS_URL is required: the Prometheus behind the Grafana datasource (the local stack prints it)'
    );
  }
  const time = atSeconds === undefined ? '' : `&time=${atSeconds}`;
  const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}${time}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  if (body.status !== 'success') {
    throw new Error(`Prometheus: ${body.error}`);
  }
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

export async function promScalar(expr: string, atSeconds?: number): Promise<number | undefined> {
  return (await promQuery(expr, atSeconds))[0]?.value;
}

/**
 * Resolves to the time (seconds) the page's next datasource query evaluates at: the `to` of its time range, which
 * Grafana sends with every query and uses as an instant query's evaluation time. Call before navigating.
 */
export function pageQueryTime(page: Page): Promise<number> {
  return page
    .waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/api/ds/query'))
    .then((r) => Number((r.postDataJSON() as { to: string }).to) / 1000);
}
