/** Instant queries against the Prometheus the pages read (PROMETHEUS_URL), to compare the pages' numbers with. */
export async function promQuery(expr: string): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const base = process.env.PROMETHEUS_URL;
  if (!base) {
    throw new Error(
      'PROMETHEUS_URL is required: the Prometheus behind the Grafana datasource (the local stack prints it)'
    );
  }
  const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`);
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

export async function promScalar(expr: string): Promise<number | undefined> {
  return (await promQuery(expr))[0]?.value;
}
