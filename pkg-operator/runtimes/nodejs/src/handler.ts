import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import type { EventAttributes } from './cloudevent';
import { messageOf } from './failure';

export interface InvocationContext {
  functionName: string;
  namespace: string;
  /** CloudEvent attributes of the request; undefined for plain JSON. */
  event?: EventAttributes;
  traceId?: string;
  /** Epoch milliseconds after which the wrapper answers 504 instead of waiting. */
  deadline: number;
  /** Aborted when the deadline passes. */
  signal: AbortSignal;
}

export type Handler = (data: unknown, context: InvocationContext) => unknown;

export type LoadedHandler = { handler: Handler } | { importError: string };

const EXTENSIONS = ['', '.js', '.cjs', '.mjs'];

/** Loads `<module>.<export>` relative to `dir`; a failure is reported, not thrown, so every invocation can count it. */
export function loadHandler(spec: string, dir: string): LoadedHandler {
  const dot = spec.lastIndexOf('.');
  const modulePath = resolve(dir, spec.slice(0, dot));
  const exportName = spec.slice(dot + 1);
  const file = EXTENSIONS.map((ext) => modulePath + ext).find((candidate) => existsSync(candidate));
  if (!file) {
    return { importError: `handler module ${spec.slice(0, dot)} not found in ${dir}` };
  }
  try {
    const loaded = require(file) as Record<string, unknown> & { default?: Record<string, unknown> };
    const handler = loaded[exportName] ?? loaded.default?.[exportName];
    if (typeof handler !== 'function') {
      return { importError: `${spec.slice(0, dot)} does not export a function named ${exportName}` };
    }
    return { handler: handler as Handler };
  } catch (error) {
    return { importError: `loading ${spec.slice(0, dot)} failed: ${messageOf(error)}` };
  }
}
