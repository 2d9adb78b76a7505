// Keeps stdout for the handshake line alone and stderr for hclog JSON alone: console output of any
// dependency, Node process warnings, crashes and grpc-js' own logger are turned into hclog lines.
import { format } from 'node:util';

import * as grpc from '@grpc/grpc-js';

import type { LogLevel } from './hclog';
import { log } from './hclog';

const CONSOLE_LEVELS: Array<[keyof Console, LogLevel]> = [
  ['log', 'info'],
  ['info', 'info'],
  ['debug', 'debug'],
  ['trace', 'trace'],
  ['warn', 'warn'],
  ['error', 'error'],
];

export function captureProcessOutput(): void {
  for (const [method, level] of CONSOLE_LEVELS) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => log(level, format(...args));
  }
  process.removeAllListeners('warning');
  process.on('warning', (warning) => log('warn', warning.message, { warning: warning.name }));
  // Node's own report of a crash is plain text: log it as hclog, then exit (Grafana restarts the plugin)
  process.on('uncaughtException', (err) => {
    log('error', 'uncaught exception; exiting', { error: err.stack ?? err.message });
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    log('error', 'unhandled promise rejection', {
      error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
    });
  });
  grpc.setLogger({
    error: (...args: unknown[]) => log('error', format(...args), { component: 'grpc-js' }),
  });
  grpc.setLogVerbosity(grpc.logVerbosity.ERROR);
}

/** After the handshake, anything written to stdout would be discarded by Grafana: log it on stderr instead. */
export function sealStdout(): void {
  process.stdout.write = ((chunk: string | Uint8Array) => {
    log('warn', 'dropped stdout output', { output: Buffer.from(chunk).toString('utf8').slice(0, 1000) });
    return true;
  }) as typeof process.stdout.write;
}
