import type { EventAttributes } from './cloudevent';
import { InvocationFailure, messageOf } from './failure';
import type { Handler, LoadedHandler } from './handler';

export interface InvokeOptions {
  functionName: string;
  namespace: string;
  timeoutMs: number;
  event?: EventAttributes;
  traceId?: string;
}

function serialize(result: unknown): string {
  try {
    const json = JSON.stringify(result ?? null);
    if (json === undefined) {
      throw new TypeError(`a ${typeof result} cannot be encoded as JSON`);
    }
    return json;
  } catch (error) {
    throw new InvocationFailure('serialization', `handler result could not be encoded as JSON (${messageOf(error)})`);
  }
}

async function withDeadline(handler: Handler, data: unknown, options: InvokeOptions): Promise<unknown> {
  const controller = new AbortController();
  const deadline = Date.now() + options.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new InvocationFailure('timeout', `handler did not finish within ${options.timeoutMs / 1000}s`));
    }, options.timeoutMs);
  });
  const context = {
    functionName: options.functionName,
    namespace: options.namespace,
    event: options.event,
    traceId: options.traceId,
    deadline,
    signal: controller.signal,
  };
  const run = Promise.resolve().then(() => handler(data, context));
  try {
    return await Promise.race([run, expired]);
  } catch (error) {
    throw error instanceof InvocationFailure ? error : new InvocationFailure('handler', messageOf(error));
  } finally {
    clearTimeout(timer);
    run.catch(() => undefined);
  }
}

/** Runs the handler under the function timeout and returns its JSON reply; throws InvocationFailure otherwise. */
export async function invokeHandler(loaded: LoadedHandler, data: unknown, options: InvokeOptions): Promise<string> {
  if ('importError' in loaded) {
    throw new InvocationFailure('import', loaded.importError);
  }
  return serialize(await withDeadline(loaded.handler, data, options));
}
