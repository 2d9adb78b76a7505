// Bounds a Kubernetes call: the client has no timeout of its own, and a hung API must not hang requests.
// The rejection carries code ETIMEDOUT, so it classifies as 'unreachable'.
const KUBE_CALL_TIMEOUT_MS = 10_000;

export function withTimeout<T>(promise: Promise<T>, what: string, ms = KUBE_CALL_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`${what}: no answer within ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
