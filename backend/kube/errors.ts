// Classifies Kubernetes client failures into what the API reports (503 with an actionable message).
export type KubeFailureKind = 'unreachable' | 'unauthorized' | 'forbidden' | 'not_found' | 'rejected';

export interface KubeFailure {
  kind: KubeFailureKind;
  status?: number;
  message: string;
}

interface ErrorLike {
  code?: unknown;
  statusCode?: unknown;
  body?: unknown;
  message?: unknown;
  cause?: unknown;
}

function kubeStatusCode(err: unknown): number | undefined {
  const e = err as ErrorLike;
  if (typeof e?.code === 'number') {
    return e.code;
  }
  return typeof e?.statusCode === 'number' ? e.statusCode : undefined;
}

function apiMessage(err: ErrorLike): string | undefined {
  const body = typeof err.body === 'string' ? safeJson(err.body) : err.body;
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function networkCode(err: ErrorLike): string | undefined {
  for (let e: ErrorLike | undefined = err; e; e = e.cause as ErrorLike | undefined) {
    if (typeof e.code === 'string') {
      return e.code;
    }
  }
  return undefined;
}

export function classifyKubeError(err: unknown): KubeFailure {
  const e = (err ?? {}) as ErrorLike;
  const status = kubeStatusCode(err);
  const detail = apiMessage(e) ?? (typeof e.message === 'string' ? e.message : String(err));
  if (status === undefined) {
    const code = networkCode(e);
    if (!code) {
      // raised by the client itself, e.g. discovery not knowing a kind: the API answered
      return { kind: 'rejected', message: detail };
    }
    return { kind: 'unreachable', message: detail.includes(code) ? detail : `${code}: ${detail}` };
  }
  if (status === 401) {
    return { kind: 'unauthorized', status, message: detail };
  }
  if (status === 403) {
    return { kind: 'forbidden', status, message: detail };
  }
  if (status === 404) {
    return { kind: 'not_found', status, message: detail };
  }
  if (status >= 500) {
    return { kind: 'unreachable', status, message: detail };
  }
  return { kind: 'rejected', status, message: detail };
}
