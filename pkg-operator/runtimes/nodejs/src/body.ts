// Reading a request body that may be cut short, badly chunked or too large, and the server's answer to requests
// whose head cannot be parsed. The HTTP parser reports both as a `clientError`: inside a body being read it fails
// that invocation (which answers and counts it as a validation error); anywhere else it is not an invocation.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { InvocationFailure, messageOf } from './failure';

/** Larger request bodies are refused (413) and counted as validation errors. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** A refused body is read and dropped up to this much (so the client reads the answer, not a reset), then cut off. */
const DISCARD_LIMIT = 64 * 1024 * 1024;

/** Sockets whose request body is being read, with how to fail that read. */
const bodyReads = new WeakMap<Duplex, (failure: InvocationFailure) => void>();
/** Sockets whose body failed to parse: their invocation answers, and the parser's further errors are ignored. */
const answering = new WeakSet<Duplex>();

function tooLarge(): InvocationFailure {
  return new InvocationFailure('validation', `request body exceeds ${MAX_BODY_BYTES} bytes`, 413);
}

/** Reads and drops the rest of a refused body; the connection stays usable unless the body goes on too long. */
function discardRest(req: IncomingMessage): void {
  let dropped = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_LIMIT) {
      req.socket.destroy();
    }
  });
}

/**
 * The whole body, at most MAX_BODY_BYTES. Rejects with a validation failure when the body is cut short or malformed,
 * and with 413 as soon as it is known to be too large (a declared Content-Length is checked before reading).
 * After a failure the rest of the body is read and dropped, so the client can read the answer.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    discardRest(req);
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (failure: InvocationFailure) => {
      bodyReads.delete(req.socket);
      discardRest(req);
      reject(failure);
    };
    bodyReads.set(req.socket, fail);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        fail(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      bodyReads.delete(req.socket);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) =>
      fail(new InvocationFailure('validation', `reading the request body failed: ${messageOf(error)}`))
    );
  });
}

/** True when the request's body could not be parsed: nothing after it on the connection can be, so close it. */
export function bodyUnparsable(req: IncomingMessage): boolean {
  return answering.has(req.socket);
}

/** The server's `clientError` listener (Node's own answers 400 without a body, and destroys a body being read). */
export function onClientError(error: Error & { code?: string }, socket: Duplex): void {
  const failBody = bodyReads.get(socket);
  if (failBody) {
    bodyReads.delete(socket);
    answering.add(socket);
    failBody(new InvocationFailure('validation', `malformed request body (${error.code ?? error.message})`));
    return;
  }
  if (answering.has(socket)) {
    return;
  }
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: `malformed HTTP request (${error.code ?? error.message})` });
  const head = [
    'HTTP/1.1 400 Bad Request',
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
