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

/** an API error's body: parsed when it is JSON text (client-node keeps it as a string), else the text */
function bodyOf(err: unknown): { json?: unknown; text?: string } {
  const body = (err as { body?: unknown } | undefined)?.body;
  if (typeof body !== 'string') {
    return { json: body };
  }
  try {
    return { json: JSON.parse(body) };
  } catch {
    return { text: body };
  }
}

/** reason and message of the Kubernetes Status an API error carried */
function statusOf(err: unknown): { reason?: string; message?: string } | undefined {
  const { json } = bodyOf(err);
  if (!json || typeof json !== 'object') {
    return undefined;
  }
  const { reason, message } = json as { reason?: unknown; message?: unknown };
  return {
    reason: typeof reason === 'string' ? reason : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/** Status reasons that say the request itself is wrong, whatever the code */
const INVALID_REASONS: readonly string[] = ['BadRequest', 'Invalid'];
/** server-side apply's conversion of the applied object to the schema's type failed (unknown field, wrong type,
 *  duplicate list key); kube-apiserver returns that plain error as a 500 with no reason */
const APPLIED_OBJECT_OFF_SCHEMA = /^failed to create typed patch object\b/;

/** The request itself is wrong, so retrying the same request cannot help: 400 and 422, and a 500 whose Status
 *  says so (a permanent reason, or an applied object that does not fit the schema). Any other 500 is transient. */
export function isInvalid(err: unknown): boolean {
  const code = statusCode(err);
  if (code === 400 || code === 422) {
    return true;
  }
  if (code !== 500) {
    return false;
  }
  const status = statusOf(err);
  return INVALID_REASONS.includes(status?.reason ?? '') || APPLIED_OBJECT_OFF_SCHEMA.test(status?.message ?? '');
}

export function errorMessage(err: unknown): string {
  const message = statusOf(err)?.message;
  if (message) {
    return message;
  }
  const { text } = bodyOf(err);
  if (text !== undefined) {
    return text.slice(0, 500);
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
