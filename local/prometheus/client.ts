/** A thin client of Prometheus's HTTP API (only what the tests need). */
export interface Sample {
  metric: Record<string, string>;
  value: number;
}

export interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: Array<{ labels: Record<string, string>; value: string; timestamp: number }>;
}

export interface Alert {
  labels: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  value: string;
}

interface ApiResponse<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
}

export class PrometheusClient {
  constructor(readonly url: string) {}

  private async get<T>(path: string, params: Record<string, string | string[]>): Promise<T> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        query.append(name, v);
      }
    }
    const response = await fetch(`${this.url}${path}?${query}`);
    const body = (await response.json()) as ApiResponse<T>;
    if (body.status !== 'success') {
      throw new Error(`Prometheus ${path} ${JSON.stringify(params)}: ${body.error ?? response.status}`);
    }
    return body.data;
  }

  /** Instant query; a scalar result comes back as one sample without labels. */
  async query(expr: string, time?: number): Promise<Sample[]> {
    const params: Record<string, string> = { query: expr };
    if (time !== undefined) {
      params.time = String(time);
    }
    const data = await this.get<{ resultType: string; result: unknown }>('/api/v1/query', params);
    if (data.resultType === 'scalar') {
      return [{ metric: {}, value: Number((data.result as [number, string])[1]) }];
    }
    return (data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((r) => ({
      metric: r.metric,
      value: Number(r.value[1]),
    }));
  }

  queryExemplars(expr: string, startSeconds: number, endSeconds: number): Promise<ExemplarSeries[]> {
    return this.get('/api/v1/query_exemplars', { query: expr, start: String(startSeconds), end: String(endSeconds) });
  }

  labelValues(label: string, match: string[] = []): Promise<string[]> {
    return this.get(`/api/v1/label/${encodeURIComponent(label)}/values`, { 'match[]': match });
  }

  async alerts(): Promise<Alert[]> {
    return (await this.get<{ alerts: Alert[] }>('/api/v1/alerts', {})).alerts;
  }

  async targets(): Promise<Array<{ labels: Record<string, string>; health: string; lastError: string }>> {
    return (
      await this.get<{ activeTargets: Array<{ labels: Record<string, string>; health: string; lastError: string }> }>(
        '/api/v1/targets',
        {}
      )
    ).activeTargets;
  }
}
