// The HTTP view of a CallResource request, and the errors handlers throw to answer with {error, message}.
import type { ApiErrorCode } from '../api/types';
import type { PluginContext } from '../protocol/wire-types';

export interface ResourceRequest {
  method: string;
  /** path segments after /resources/, percent-decoded */
  segments: string[];
  query: URLSearchParams;
  body: Buffer;
  context: PluginContext | null | undefined;
}

export interface ResourceResponse {
  status: number;
  body: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);

export function ok(body: unknown, status = 200): ResourceResponse {
  return { status, body };
}
