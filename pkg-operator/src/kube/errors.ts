// Classifies errors thrown by @kubernetes/client-node calls.

export function statusCode(err: unknown): number | undefined {
  const e = err as { code?: unknown; statusCode?: unknown } | undefined;
  if (typeof e?.code === 'number') {
    return e.code;
  }
  return typeof e?.statusCode === 'number' ? e.statusCode : undefined;
}

export const isNotFound = (err: unknown): boolean => statusCode(err) === 404;
export const isConflict = (err: unknown): boolean => statusCode(err) === 409;
export const isForbidden = (err: unknown): boolean => statusCode(err) === 403;

/** 422 and 400: the request itself is wrong; retrying the same request cannot help. */
export const isInvalid = (err: unknown): boolean => statusCode(err) === 422 || statusCode(err) === 400;

export function errorMessage(err: unknown): string {
  const body = (err as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: string };
      if (parsed.message) {
        return parsed.message;
      }
    } catch {
      return body.slice(0, 500);
    }
  }
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** for `.catch()`: the object is already gone, which is what a delete wanted */
export function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) {
    throw err;
  }
}

/** for `.catch()` on creates of deterministic names: an earlier pass (or run) already created it */
export function ignoreConflict(err: unknown): void {
  if (!isConflict(err)) {
    throw err;
  }
}
