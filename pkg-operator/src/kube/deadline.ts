// Every API request the gateway makes carries a deadline: the request is aborted (socket closed) when it runs
// out, so a hung API server or proxy cannot block a reconcile, a Lease renew or a shutdown. The deadline of
// the current call travels to the HTTP layer in an AsyncLocalStorage, read by one middleware on every client.
// Work can also be cancelled as a whole (cancellableBy): shutdown cuts a reconcile's in-flight calls at once.
import { AsyncLocalStorage } from 'node:async_hooks';

import type { KubeConfig, Middleware, RequestContext, ResponseContext } from '@kubernetes/client-node';
import { createConfiguration, ServerConfiguration } from '@kubernetes/client-node';

/** what a call may take unless it says otherwise: client-go's default for a request without a context */
export const DEFAULT_DEADLINE_MS = 30_000;

const currentSignal = new AsyncLocalStorage<AbortSignal>();
const cancelScope = new AsyncLocalStorage<AbortSignal>();

const deadlineMiddleware: Middleware = {
  pre: async (context: RequestContext) => {
    const signal = currentSignal.getStore();
    if (signal) {
      context.setSignal(signal);
    }
    return context;
  },
  post: async (response: ResponseContext) => response,
};

export class DeadlineExceeded extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer from the Kubernetes API within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

export const isDeadlineExceeded = (err: unknown): boolean => err instanceof DeadlineExceeded;

/** every API call made by work (and whatever it starts) is aborted when signal aborts */
export function cancellableBy<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return cancelScope.run(signal, work);
}

/** runs request with its HTTP calls bound to ms; rejects with DeadlineExceeded when they are cut off */
export async function withDeadline<T>(what: string, ms: number, request: () => Promise<T>): Promise<T> {
  const timeout = AbortSignal.timeout(ms);
  const cancel = cancelScope.getStore();
  const signal = cancel ? AbortSignal.any([timeout, cancel]) : timeout;
  try {
    return await currentSignal.run(signal, request);
  } catch (err) {
    if (timeout.aborted) {
      throw new DeadlineExceeded(what, ms);
    }
    if (cancel?.aborted) {
      throw new Error(`${what}: cancelled (${String(cancel.reason?.message ?? cancel.reason)})`);
    }
    throw err;
  }
}

/** KubeConfig.makeApiClient, plus the deadline middleware */
export function apiClientWithDeadlines<T>(
  kc: KubeConfig,
  type: new (config: ReturnType<typeof createConfiguration>) => T
): T {
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new Error('the kubeconfig has no current cluster');
  }
  return new type(
    createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kc },
      promiseMiddleware: [deadlineMiddleware],
    })
  );
}
