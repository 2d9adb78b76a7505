import type { ApiError, ApiErrorCode } from '../../backend/api/types';

/** An API error code, or `unreachable` when the backend did not answer with the API's error shape. */
export type ResourceErrorCode = ApiErrorCode | 'unreachable';

export class ResourceError extends Error {
  constructor(
    readonly code: ResourceErrorCode,
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'ResourceError';
  }
}

function isApiError(body: unknown): body is ApiError {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ApiError).error === 'string' &&
    typeof (body as ApiError).message === 'string'
  );
}

/** Narrows whatever getBackendSrv threw into a ResourceError. */
export function toResourceError(thrown: unknown): ResourceError {
  const err = thrown as { status?: number; data?: unknown; statusText?: string; message?: string };
  const status = typeof err?.status === 'number' ? err.status : 0;
  if (isApiError(err?.data)) {
    return new ResourceError(err.data.error, status, err.data.message);
  }
  const detail = err?.statusText || err?.message || 'no answer';
  return new ResourceError(
    'unreachable',
    status,
    `The app's backend did not answer (${status || 'network error'}: ${detail}).`
  );
}
