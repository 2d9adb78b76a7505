// A stand-in OTLP/HTTP trace receiver on 127.0.0.1 that records the trace ids it was sent.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpReceiver {
  url: string;
  traceIds: Set<string>;
  close(): Promise<void>;
}

interface ExportRequest {
  resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string }> }> }>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const traceIds = new Set<string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const parsed = JSON.parse(body) as ExportRequest;
        parsed.resourceSpans.forEach((r) =>
          r.scopeSpans.forEach((s) => s.spans.forEach((span) => traceIds.add(span.traceId)))
        );
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    traceIds,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
