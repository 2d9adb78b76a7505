// Malformed requests every wrapper must answer, and how each is counted. One expectation per case for all three
// runtimes: the table is the proof that they agree.
//
// What counts as an invocation: a request the HTTP server accepts as `POST /` (its request line and its framing
// headers parse) is an invocation from then on and counts exactly once, whatever happens to its body: a body shorter
// than declared, a bad chunk or a body over the cap is a `validation` error. A request whose head the HTTP server
// rejects (Node's http and Go's net/http do so before any wrapper code runs) is answered 400 and is not an
// invocation: no method or path can be trusted, and in a cluster Knative's queue-proxy rejects it before it reaches
// the wrapper. The Python wrapper applies the same head checks itself, since its server does not.
import type { Runtime } from '../../../contract';
import { MAX_BODY_BYTES } from '../nodejs/src/body';

/** `refused`: 400 from the server, not an invocation, nothing counted; `validation`: one invocation, counted as
 * status="error", error_type="validation"; `success`: one invocation, counted as status="success". */
export type Counted = 'refused' | 'validation' | 'success';

export interface Expected {
  status: number;
  counted: Counted;
}

export interface MalformedCase extends Expected {
  name: string;
  parts: Buffer[];
  /** the client shuts down its sending side after the last part */
  halfClose?: boolean;
  /** where a runtime's HTTP server decides otherwise (still by the same counting rule) */
  except?: Partial<Record<Runtime, Expected>>;
}

const head = (...headers: string[]) =>
  Buffer.from(
    ['POST / HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', ...headers, '', ''].join('\r\n')
  );
const text = (value: string) => Buffer.from(value);
const MIB = 1024 * 1024;
const chunk = (bytes: number) =>
  Buffer.concat([text(`${bytes.toString(16)}\r\n`), Buffer.alloc(bytes, 0x20), text('\r\n')]);

export const MALFORMED_CASES: readonly MalformedCase[] = [
  { name: 'Content-Length -1', parts: [head('Content-Length: -1'), text('{}')], status: 400, counted: 'refused' },
  {
    name: 'Content-Length not a number',
    parts: [head('Content-Length: abc'), text('{}')],
    status: 400,
    counted: 'refused',
  },
  {
    name: 'Content-Length beyond 64 bits',
    parts: [head('Content-Length: 99999999999999999999999'), text('{}')],
    status: 400,
    counted: 'refused',
  },
  {
    // RFC 9112 6.3 lets a server refuse this (request smuggling) or let Transfer-Encoding win. Node's http refuses
    // it, and so does the Python wrapper; Go's net/http lets Transfer-Encoding win and deletes Content-Length before
    // the wrapper sees the request, so there it is a well-formed invocation. Behind Knative's queue-proxy (Go) no
    // wrapper sees both headers.
    name: 'Content-Length and Transfer-Encoding both',
    parts: [head('Content-Length: 2', 'Transfer-Encoding: chunked'), text('2\r\n{}\r\n0\r\n\r\n')],
    status: 400,
    counted: 'refused',
    except: { go: { status: 200, counted: 'success' } },
  },
  { name: 'invalid request line', parts: [text('HELLO\r\n\r\n')], status: 400, counted: 'refused' },
  {
    name: 'Content-Length over the cap (body not sent)',
    parts: [head(`Content-Length: ${MAX_BODY_BYTES + 1}`), text('{"n":')],
    status: 413,
    counted: 'validation',
  },
  {
    name: 'Content-Length over the cap (body sent)',
    parts: [head(`Content-Length: ${7 * MIB}`), Buffer.alloc(7 * MIB, 0x20)],
    status: 413,
    counted: 'validation',
  },
  {
    name: 'body shorter than Content-Length, then close',
    parts: [head('Content-Length: 100'), text('{"n":1}')],
    halfClose: true,
    status: 400,
    counted: 'validation',
  },
  {
    name: 'chunk size -1',
    parts: [head('Transfer-Encoding: chunked'), text('-1\r\n{"n":1}\r\n0\r\n\r\n')],
    status: 400,
    counted: 'validation',
  },
  {
    name: 'chunk size not hex',
    parts: [head('Transfer-Encoding: chunked'), text('zz\r\n{"n":1}\r\n0\r\n\r\n')],
    status: 400,
    counted: 'validation',
  },
  {
    name: 'chunk shorter than its size, then close',
    parts: [head('Transfer-Encoding: chunked'), text('64\r\n{"n":1}')],
    halfClose: true,
    status: 400,
    counted: 'validation',
  },
  {
    name: 'chunked body over the cap',
    parts: [head('Transfer-Encoding: chunked'), ...Array.from({ length: 7 }, () => chunk(MIB)), text('0\r\n\r\n')],
    status: 413,
    counted: 'validation',
  },
];
