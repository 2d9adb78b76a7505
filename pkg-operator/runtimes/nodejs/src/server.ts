import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { FunctionErrorType, InvocationStatus } from '../../../../contract';

import { bodyUnparsable, onClientError, readBody } from './body';
import { decodeRequest, type DecodedRequest } from './cloudevent';
import type { WrapperConfig } from './config';
import { InvocationFailure, messageOf } from './failure';
import type { LoadedHandler } from './handler';
import { invokeHandler } from './invoke';
import { logLine } from './log';
import type { FunctionMetrics } from './metrics';
import { isResponseEvent, replyHeaders, replySource } from './reply';
import { traceIdOf } from './trace';

interface Outcome {
  status: InvocationStatus;
  errorType?: FunctionErrorType;
  httpStatus: number;
  body: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Every reply carries a content-length (no chunked encoding), like the Python and Go wrappers. */
function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function failureOutcome(error: unknown): Outcome {
  const failure = error instanceof InvocationFailure ? error : new InvocationFailure('handler', messageOf(error));
  return {
    status: failure.status,
    errorType: failure.errorType,
    httpStatus: failure.httpStatus,
    body: JSON.stringify({ error: { type: failure.errorType, message: failure.message } }),
  };
}

export function createWrapperServer(config: WrapperConfig, loaded: LoadedHandler, metrics: FunctionMetrics): Server {
  const source = replySource(config.namespace, config.functionName);
  const identity = { function: config.functionName, namespace: config.namespace, runtime: config.runtime };
  let coldStart = true;

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const traceId = traceIdOf(req.headers.traceparent);
    let request: DecodedRequest | undefined;
    let outcome: Outcome;
    metrics.invocationStarted();
    try {
      request = decodeRequest(req.headers, await readBody(req));
      const options = {
        functionName: config.functionName,
        namespace: config.namespace,
        timeoutMs: config.timeoutMs,
        event: request.event,
        traceId,
      };
      outcome = { status: 'success', httpStatus: 200, body: await invokeHandler(loaded, request.data, options) };
    } catch (error) {
      outcome = failureOutcome(error);
    } finally {
      metrics.invocationFinished();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.recordInvocation(outcome.status, outcome.errorType, seconds, traceId);
    logLine(outcome.status === 'success' ? 'info' : 'error', 'invocation', {
      ...identity,
      status: outcome.status,
      error_type: outcome.errorType,
      duration_ms: Math.round(seconds * 1e6) / 1e3,
      cold_start: coldStart,
      trace_id: traceId,
      event_id: request?.event?.id,
    });
    coldStart = false;
    if (bodyUnparsable(req)) {
      res.setHeader('connection', 'close');
    }
    if (isResponseEvent(request?.event)) {
      send(
        res,
        outcome.status === 'success' ? 202 : outcome.httpStatus,
        JSON_TYPE,
        outcome.status === 'success' ? '' : outcome.body
      );
      return;
    }
    send(res, outcome.httpStatus, replyHeaders(source, outcome.status), outcome.body);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' && req.method === 'POST') {
      return invoke(req, res);
    }
    if (path === '/health' && req.method === 'GET') {
      const status = 'handler' in loaded ? 'ok' : 'handler_unavailable';
      send(res, 200, JSON_TYPE, JSON.stringify({ status }));
      return;
    }
    if (path === '/metrics' && req.method === 'GET') {
      const exposition = await metrics.expose(req.headers.accept);
      send(res, 200, { 'content-type': exposition.contentType }, exposition.body);
      return;
    }
    const known = path === '/' || path === '/health' || path === '/metrics';
    send(
      res,
      known ? 405 : 404,
      JSON_TYPE,
      JSON.stringify({ error: known ? `method ${req.method} not allowed on ${path}` : `no route ${path}` })
    );
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error) => {
      logLine('error', 'request failed', { ...identity, error: messageOf(error) });
      if (!res.headersSent) {
        res.writeHead(500);
      }
      res.end();
    });
  });
  server.on('clientError', onClientError);
  return server;
}
