// Sends bytes over a raw TCP socket (no HTTP client, which would refuse to send malformed requests) and reads one
// HTTP/1.1 response, however the server ends it: by its Content-Length or by closing the connection.
import { connect, type Socket } from 'node:net';

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  /** The response, or undefined when none arrived (connection reset or closed first, or the timeout passed). */
  reply?: RawReply;
  /** What ended the exchange without a complete response. */
  failure?: string;
}

export interface RawSendOptions {
  /** Shut down the sending side after the last part (the client "closes"), still reading the response. */
  halfClose?: boolean;
  timeoutMs?: number;
}

const HEAD_END = '\r\n\r\n';

function parseReply(received: Buffer, ended: boolean): RawReply | undefined {
  const headEnd = received.indexOf(HEAD_END);
  if (headEnd < 0) {
    return undefined;
  }
  const [statusLine, ...headerLines] = received.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!status) {
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = received.subarray(headEnd + HEAD_END.length);
  const length = headers['content-length'];
  if (length !== undefined ? body.length < Number(length) : !ended) {
    return undefined;
  }
  return {
    status: Number(status[1]),
    headers,
    body: body.subarray(0, length === undefined ? undefined : Number(length)).toString('utf8'),
  };
}

async function writeAll(socket: Socket, parts: readonly Buffer[]): Promise<void> {
  for (const part of parts) {
    if (socket.destroyed || !socket.write(part)) {
      await new Promise((resolve) =>
        socket.destroyed ? resolve(undefined) : socket.once('drain', resolve).once('close', resolve)
      );
    }
  }
}

/** Sends `parts` in order to 127.0.0.1:`port` and resolves with the response (or why there was none). */
export function sendRaw(port: number, parts: readonly Buffer[], options: RawSendOptions = {}): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (exchange: RawExchange) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        resolve(exchange);
      }
    };
    const timer = setTimeout(
      () =>
        finish({
          reply: parseReply(received, true),
          failure: `no complete response in ${options.timeoutMs ?? 5000} ms`,
        }),
      options.timeoutMs ?? 5000
    );
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const reply = parseReply(received, false);
      if (reply) {
        finish({ reply });
      }
    });
    socket.on('end', () => {
      const reply = parseReply(received, true);
      finish(reply ? { reply } : { failure: `connection closed after ${received.length} bytes` });
    });
    socket.on('error', (error) => {
      const reply = parseReply(received, true);
      finish(reply ? { reply } : { failure: `socket error ${error.message}` });
    });
    socket.once('connect', () => {
      void writeAll(socket, parts).then(() => {
        if (options.halfClose && !socket.destroyed) {
          socket.end();
        }
      });
    });
  });
}
