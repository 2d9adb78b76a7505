// A small OTLP/HTTP (JSON) trace exporter: one span per reconcile, batched and posted to
// <endpoint>/v1/traces. Its trace id is the exemplar on knative_lambda_operator_reconcile_duration_seconds.
import { randomBytes } from 'node:crypto';

import type { ReconcileSpan, Tracer } from './tracer';

interface FinishedSpan {
  traceId: string;
  spanId: string;
  name: string;
  start: bigint;
  end: bigint;
  attributes: Record<string, string>;
  error?: string;
}

const MAX_BUFFERED = 2048;
const FLUSH_INTERVAL_MS = 5000;

const nowNanos = () => BigInt(Date.now()) * 1_000_000n;

function payload(spans: FinishedSpan[], identity: string): string {
  const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
  return JSON.stringify({
    resourceSpans: [
      {
        resource: {
          attributes: [attr('service.name', 'knative-lambda-operator'), attr('service.instance.id', identity)],
        },
        scopeSpans: [
          {
            scope: { name: 'knative-lambda-operator' },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              name: s.name,
              kind: 1,
              startTimeUnixNano: s.start.toString(),
              endTimeUnixNano: s.end.toString(),
              attributes: Object.entries(s.attributes).map(([k, v]) => attr(k, v)),
              status: s.error ? { code: 2, message: s.error } : { code: 1 },
            })),
          },
        ],
      },
    ],
  });
}

export function otlpTracer(endpoint: string, identity: string, log: (msg: string) => void = () => undefined): Tracer {
  const url = `${endpoint.replace(/\/$/, '')}/v1/traces`;
  let buffer: FinishedSpan[] = [];
  const flush = async () => {
    if (buffer.length === 0) {
      return;
    }
    const batch = buffer;
    buffer = [];
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload(batch, identity),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) {
        log(`trace export to ${url} answered ${res.status}`);
      }
    } catch (err) {
      log(`trace export to ${url} failed: ${(err as Error).message}`);
    }
  };
  const timer = setInterval(() => void flush(), FLUSH_INTERVAL_MS);
  timer.unref();
  return {
    startReconcile(key): ReconcileSpan {
      const traceId = randomBytes(16).toString('hex');
      const spanId = randomBytes(8).toString('hex');
      const start = nowNanos();
      return {
        traceId,
        end(attributes, error) {
          if (buffer.length >= MAX_BUFFERED) {
            buffer.shift();
          }
          buffer.push({
            traceId,
            spanId,
            name: 'reconcile',
            start,
            end: nowNanos(),
            attributes: { 'lambda.key': key, ...attributes },
            error,
          });
        },
      };
    },
    async shutdown() {
      clearInterval(timer);
      await flush();
    },
  };
}
